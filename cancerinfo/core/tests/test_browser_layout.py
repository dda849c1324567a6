"""Every kind of page, at a small phone (320 px), a common phone (390 px) and a desktop (1280 px), in Debian's chromium.

On every page at every width: nothing scrolls sideways, there is one h1, and "Ask a nurse", "Donate", the helpline
and the Menu (phones) or the navigation and the search box (desktop) are in the header. At 320 and 390 px the header
takes at most a quarter of the first screen. At 390 and 1280 px axe-core finds no violation of any impact.
A screenshot of each page at each width is written to $TEST_ARTIFACTS_DIR/screenshots/<width>/<name>.png
(artifacts/screenshots/... in the repository when the variable is unset; git-ignored).

One test walks the whole sweep with one browser and one context per width: building the demo site once costs
more than all the page visits together.
"""

import io
import os
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect
from wagtail.models import Page

from cancerinfo.conftest import axe_violations, describe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# (width, height) of each screen, and whether axe runs there (axe at 320 px would repeat what 390 px finds).
SCREENS = [(320, 568, False), (390, 844, True), (1280, 900, True)]
PHONE_HEADER_SHARE = 0.25
# The sandbox payment page stands in for the payment provider's own page: not ours, so it has none of our header.
OUTSIDE_THE_SITE = {"donate-checkout"}  # the header takes at most a quarter of a phone's first screen


def screenshot_folder() -> Path:
    root = os.environ.get("TEST_ARTIFACTS_DIR")
    base = Path(root) if root else Path(settings.BASE_DIR) / "artifacts"
    return base / "screenshots"


@pytest.fixture
def whole_demo(site_tree, settings):
    """The demo site as load_demo_content builds it, less what no page template needs (search vocabularies,
    readability scores) and with the invented trials and a few postcode districts instead of the 1,100 real ones."""
    from cancerinfo.booklets import demo as booklets
    from cancerinfo.donations import demo as donations
    from cancerinfo.glossary import demo as glossary
    from cancerinfo.organisations import demo as organisations
    from cancerinfo.prescriptions import demo as prescriptions
    from cancerinfo.publications import demo as publications
    from cancerinfo.questions import demo as questions
    from cancerinfo.trials.demo import load_demo_trials
    from cancerinfo.trials.tests.factories import make_districts

    quiet = io.StringIO()
    for demo in (booklets, prescriptions, glossary, questions, publications, donations, organisations):
        demo.load(site_tree, quiet)
    load_demo_trials()
    make_districts("M1", "M20", "SW1A")
    # Welsh as the demo ships it, and Urdu (right to left) as configuration would add it.
    from cancerinfo.translations import demo as translations
    from cancerinfo.translations.tests.factories import translate

    translations.finish(site_tree, quiet)
    settings.LANGUAGES = [*settings.LANGUAGES, ("ur", "Urdu")]
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES
    chemotherapy = Page.objects.get(url_path__endswith="/treatments/chemotherapy/", locale__language_code="en-gb")
    translate(chemotherapy, "ur", {"Understanding chemotherapy": "کیموتھراپی کو سمجھنا"})
    first = chemotherapy.get_children().live().order_by("path").first()
    translate(first, "ur", {"What is chemotherapy": "کیموتھراپی کیا ہے"})
    return site_tree


def visits(areas) -> list[tuple[str, object]]:
    """(name, how to get there): one page of each template, and each step of the forms people fill in; and pages
    in Welsh and in Urdu (right to left), one shown in English because it has no translation."""
    from cancerinfo.booklets.models import BookletPage
    from cancerinfo.glossary.models import Term
    from cancerinfo.publications.models import Publication
    from cancerinfo.questions.models import QuestionPage
    from cancerinfo.taxonomy.models import CancerType
    from cancerinfo.trials.models import Trial

    booklet = BookletPage.objects.live().filter(audience=BookletPage.AUDIENCE_PATIENTS).order_by("path").first()
    section = booklet.get_children().live().order_by("path").first()
    easy_read = BookletPage.objects.live().filter(audience=BookletPage.AUDIENCE_EASY_READ).order_by("path").first()
    easy_read_section = easy_read.get_children().live().order_by("path").first()
    question = QuestionPage.objects.live().order_by("path").first()
    topic = question.topics.first()
    cancer_type = CancerType.objects.filter(slug="secondary-bone-cancer").first() or CancerType.objects.first()
    publication = Publication.objects.filter(booklet__isnull=False).order_by("code").first()
    trial = Trial.objects.filter(is_demo=True).order_by("registry_id").first()
    trust = areas["trust:privacy"]
    chemotherapy = Page.objects.get(url_path__endswith="/treatments/chemotherapy/", locale__language_code="en-gb")
    chemotherapy_sections = list(chemotherapy.get_children().live().order_by("path"))

    def go(url):
        return lambda page, base: page.goto(base + url)

    def basket(page, base):
        page.goto(base + areas["publications"].url + publication.code + "/")
        page.locator("form.pub-add-form").first.get_by_role("button").click()
        expect(page.locator("h1")).to_have_text("Your basket")

    def order_form_with_errors(page, base):
        basket(page, base)
        page.get_by_role("button", name="Continue to your address").click()
        page.get_by_role("button", name="Send my order").click()
        expect(page.locator(".pub-error-summary")).to_be_visible()

    def donate_with_errors(page, base):
        page.goto(base + areas["support-us"].url)
        page.get_by_role("button", name="Continue to payment").click()
        expect(page.locator(".donate-error-summary")).to_be_visible()

    def donate_checkout(page, base):
        page.goto(base + areas["support-us"].url)
        page.locator("input[name=amount]").first.check()
        page.get_by_label("Email address").fill("sam@example.org")
        page.get_by_role("button", name="Continue to payment").click()
        page.wait_for_url("**/donations/sandbox/checkout/**")

    def donate_thank_you(page, base):
        donate_checkout(page, base)
        page.get_by_role("button", name="Pay").click()
        page.wait_for_url("**/thank-you/**")

    def ask_a_nurse_with_errors(page, base):
        page.goto(base + areas["contact-us"].url + "ask-a-nurse/")
        page.get_by_role("button", name="Send your question").click()
        page.wait_for_load_state("load")

    def trial_alert_with_errors(page, base):
        page.goto(base + "/trial-alerts/")
        page.get_by_role("button", name="Send me a link to start the alert").click()
        expect(page.locator(".error-summary")).to_be_visible()

    return [
        ("home", go("/")),
        ("cancer-information", go(areas["cancer-information"].url)),
        ("booklet-index", go(areas["cancer-types"].url)),
        ("booklet", go(booklet.url)),
        ("section", go(section.url)),
        ("one-page-view", go(booklet.whole_booklet_url)),
        ("easy-read-booklet", go(easy_read.url)),
        ("easy-read-section", go(easy_read_section.url)),
        ("booklets-about-a-cancer", go(areas["cancer-types"].url + f"about/{cancer_type.slug}/")),
        ("a-z", go(areas["a-z"].url)),
        ("glossary", go(areas["glossary"].url)),
        ("glossary-term", go(areas["glossary"].url + Term.objects.order_by("slug").first().slug + "/")),
        ("questions", go(areas["questions"].url)),
        ("questions-topic", go(areas["questions"].url + f"topic/{topic.slug}/")),
        ("questions-cancer-type", go(areas["questions"].url + f"cancer-type/{cancer_type.slug}/")),
        ("question", go(question.url)),
        ("publications", go(areas["publications"].url)),
        ("publication", go(areas["publications"].url + publication.code + "/")),
        ("basket", basket),
        ("order-form-with-errors", order_form_with_errors),
        ("trials-finder", go(areas["clinical-trials"].url)),
        ("trials-near-a-postcode", go(areas["clinical-trials"].url + "?postcode=M1+1AE")),
        ("trial", go(areas["clinical-trials"].url + trial.registry_id + "/")),
        ("trial-alert", go("/trial-alerts/")),
        ("trial-alert-with-errors", trial_alert_with_errors),
        ("contact", go(areas["contact-us"].url)),
        ("ask-a-nurse", go(areas["contact-us"].url + "ask-a-nurse/")),
        ("ask-a-nurse-with-errors", ask_a_nurse_with_errors),
        ("write-to-us", go(areas["contact-us"].url + "write-to-us/")),
        ("donate", go(areas["support-us"].url)),
        ("donate-with-errors", donate_with_errors),
        ("donate-checkout", donate_checkout),
        ("donate-thank-you", donate_thank_you),
        ("health-professionals", go(areas["health-professionals"].url)),
        ("prescription-builder", go(areas["health-professionals"].url + "prescription/")),
        ("organisations", go(areas["support"].url)),
        ("search", go("/search/")),
        ("search-results", go("/search/?q=bone")),
        ("search-no-results", go("/search/?q=zzzznothing")),
        ("trust-page", go(trust.url)),
        ("not-found", go("/no-such-page/")),
        ("welsh-booklet", go("/cy/treatments/chemotherapy/")),
        ("welsh-section", go("/cy/treatments/chemotherapy/what-is-chemotherapy/")),
        ("welsh-not-translated", go("/cy" + chemotherapy_sections[2].url)),
        ("welsh-search-results", go("/cy/search/?q=cemotherapi")),
        ("urdu-booklet", go("/ur/treatments/chemotherapy/")),
        ("urdu-section", go("/ur/treatments/chemotherapy/what-is-chemotherapy/")),
    ]


# (lang, dir) of <html> on the steps not in English; a page with no translation is shown in English.
LANGUAGE_OF_STEP = {
    "welsh-booklet": ("cy", "ltr"),
    "welsh-section": ("cy", "ltr"),
    "welsh-search-results": ("cy", "ltr"),
    "urdu-booklet": ("ur", "rtl"),
    "urdu-section": ("ur", "rtl"),
}

HEADER_FACTS = """() => {
  const header = document.querySelector('header.site-header') || document.createElement('header');
  const shown = (selector) => [...header.querySelectorAll(selector)].some((el) => el.getClientRects().length > 0);
  return {
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: window.innerWidth,
    headerBottom: header.getBoundingClientRect().bottom + window.scrollY,
    actions: [...header.querySelectorAll('.header-actions__link')].filter((a) => a.getClientRects().length)
      .map((a) => a.textContent.trim()),
    helpline: shown('a[href^="tel:"]'),
    menuButton: shown('summary.site-menu__button'),
    navigation: shown('.site-nav a'),
    search: shown('input[type=search]'),
    h1s: document.querySelectorAll('h1').length,
  };
}"""


def header_problems(facts: dict, width: int, height: int) -> list[str]:
    problems = []
    if facts["actions"] != ["Ask a nurse", "Donate"] or not facts["helpline"]:
        problems.append(f"the header shows {facts['actions']}, the helpline {facts['helpline']}")
    if width < 768:
        budget = height * PHONE_HEADER_SHARE
        if facts["headerBottom"] > budget:
            problems.append(f"the header is {facts['headerBottom']:.0f}px tall, more than {budget:.0f}px")
        if not facts["menuButton"] or facts["navigation"]:
            problems.append("a phone shows the Menu button and folds the navigation")
    elif facts["menuButton"] or not facts["navigation"] or not facts["search"]:
        problems.append("a desktop shows the navigation and the search box, not a Menu button")
    return problems


@pytest.mark.timeout(900)
@pytest.mark.parametrize(("width", "height", "run_axe"), SCREENS, ids=[f"{screen[0]}px" for screen in SCREENS])
def test_every_template_fits_the_screen(live_server, browser, whole_demo, width, height, run_axe):
    folder = screenshot_folder()
    problems: list[str] = []
    steps = visits(whole_demo)
    assert len(steps) >= 35
    started = time.monotonic()
    (folder / str(width)).mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    visited: set[str] = set()
    for name, visit in steps:
        context.clear_cookies()  # each step starts as a new reader (an empty basket)
        visit(page, live_server.url)
        page.wait_for_load_state("load")
        visited.add(urlsplit(page.url).path)
        page.screenshot(path=str(folder / str(width) / f"{name}.png"))
        facts = page.evaluate(HEADER_FACTS)
        where = f"{name} at {width}px ({page.url})"
        if facts["scrollWidth"] > facts["innerWidth"]:
            problems.append(f"{where}: scrolls sideways, {facts['scrollWidth']}px wide")
        if facts["h1s"] != 1:
            problems.append(f"{where}: {facts['h1s']} h1 elements")
        wanted = LANGUAGE_OF_STEP.get(name, ("en-GB", "ltr"))
        found = tuple(page.evaluate("[document.documentElement.lang, document.documentElement.dir || 'ltr']"))
        if found != wanted:
            problems.append(f"{where}: <html lang dir> is {found}, not {wanted}")
        if name not in OUTSIDE_THE_SITE:
            problems += [f"{where}: {problem}" for problem in header_problems(facts, width, height)]
        if run_axe:
            violations = axe_violations(page)
            if violations:
                problems.append(f"{where}: axe\n{describe_violations(violations)}")
    context.close()
    print(f"{len(steps)} pages at {width}px in {time.monotonic() - started:.0f} s")
    assert not problems, "\n".join(problems)
    assert not page_types_not_visited(visited), "add a page of each of these types to visits()"


def page_types_not_visited(visited: set[str]) -> set[str]:
    """Page types the demo has a live page of, none of which the sweep visited: a new template can't be missed."""
    from wagtail.models import Page

    addresses: dict[str, set[str]] = {}
    for page in Page.objects.live().filter(depth__gt=1).specific():
        addresses.setdefault(type(page).__name__, set()).add(page.url)
    return {page_type for page_type, urls in addresses.items() if not urls & visited}


def test_the_menu_opens_and_is_followed_without_javascript(live_server, browser, site_tree):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/")
    menu = page.locator("details.site-menu")
    link = menu.get_by_role("link", name="Clinical trials")
    assert not link.is_visible()
    menu.locator("summary").click()  # a native disclosure
    expect(link).to_be_visible()
    expect(menu.get_by_role("searchbox", name="Search this site")).to_be_visible()
    link.click()
    page.wait_for_url("**" + site_tree["clinical-trials"].url)
    assert page.locator("h1").inner_text() == "Find a clinical trial"
    context.close()

    desktop = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = desktop.new_page()
    page.goto(live_server.url + "/")
    assert not page.locator("summary.site-menu__button").is_visible()  # no Menu: the navigation is shown in full
    page.locator("nav.site-nav").get_by_role("link", name="Questions and answers").click()
    page.wait_for_url("**" + site_tree["questions"].url)
    desktop.close()


def test_the_menu_works_from_the_keyboard(live_server, browser, site_tree):
    context = browser.new_context(viewport={"width": 320, "height": 568})
    page = context.new_page()
    page.goto(live_server.url + "/")
    for _ in range(10):  # skip link, name, helpline, Ask a nurse, Donate, then the Menu
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('site-menu__button')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('site-menu__button')")
    page.keyboard.press("Enter")
    expect(page.locator("details.site-menu")).to_have_attribute("open", "")
    page.keyboard.press("Escape")  # closes it again (static/js/menu.js), focus back on the button
    expect(page.locator("details.site-menu")).not_to_have_attribute("open", "")
    assert page.evaluate("document.activeElement.classList.contains('site-menu__button')")
    page.keyboard.press("Space")
    expect(page.locator("details.site-menu")).to_have_attribute("open", "")
    page.keyboard.press("Tab")  # into the search box, first in the menu
    assert page.evaluate("document.activeElement.id") == "menu-search"
    page.keyboard.type("bone")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=bone")
    context.close()


def test_a_long_closure_message_keeps_the_phone_header_within_its_budget(live_server, browser, site_tree):
    """On a phone the header says when we open in a few words; the closure's reason shows on wider screens."""
    import datetime

    from django.utils import timezone

    from cancerinfo.helpline.models import Closure

    today = timezone.localdate()
    Closure.objects.create(
        first_date=today,
        last_date=today + datetime.timedelta(days=8),
        message="Closed for the holidays while the nurses are on leave. We are sorry",
    )
    phone = browser.new_context(viewport={"width": 320, "height": 568})
    page = phone.new_page()
    page.goto(live_server.url + "/")
    assert header_problems(page.evaluate(HEADER_FACTS), 320, 568) == []
    expect(page.locator(".helpline__status-short")).to_have_text(re.compile(r"^Closed, opens \d"))
    expect(page.locator(".helpline__status-long")).to_be_hidden()
    phone.close()
    desktop = browser.new_context(viewport={"width": 1280, "height": 900})
    page = desktop.new_page()
    page.goto(live_server.url + "/")
    expect(page.locator(".helpline__status-long")).to_contain_text("Closed for the holidays while the nurses")
    expect(page.locator(".helpline__status-short")).to_be_hidden()
    desktop.close()
