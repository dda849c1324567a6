"""In a real browser: a booklet section with linked glossary words passes axe, and the inline definition works
from the keyboard (Tab to it, Enter or Space opens, Escape or Enter closes, focus always visible)."""

import re

import pytest
from playwright.sync_api import expect

from cancerinfo.glossary.models import Term

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = [
    (
        "paragraph",
        "<h2>What osteoclasts do</h2><p>Osteoclasts break down old bone. Bisphosphonates slow "
        "osteoclasts down, which helps with hypercalcemia.</p><p>Your bone marrow makes blood cells.</p>",
    ),
    (
        "callout",
        {
            "heading": "Talk to your doctor or nurse",
            "text": "<p>Ask about <a href='/'>bone scans</a> and a bone scan result.</p>",
        },
    ),
]


@pytest.fixture
def section(site_tree):
    from cancerinfo.booklets.models import BookletPage, BookletSectionPage

    Term.objects.create(
        term="osteoclast", definition="A bone cell that breaks down old bone.", pronunciation="os-tee-oh-klast"
    )
    Term.objects.create(term="bisphosphonate", definition="A drug that slows down osteoclasts.")
    Term.objects.create(term="hypercalcaemia", definition="Too much calcium in the blood.")
    Term.objects.create(term="bone marrow", definition="The soft tissue inside bones where blood cells are made.")
    Term.objects.create(term="bone scan", definition="A scan that shows damaged bone.")
    Term.objects.create(term="bone", definition="The hard tissue of the skeleton.")
    booklet = site_tree["cancer-types"].add_child(
        instance=BookletPage(title="Understanding bone care", slug="bone-care", summary="Sample booklet.")
    )
    booklet.save_revision().publish()
    page = booklet.add_child(instance=BookletSectionPage(title="Bones and calcium", slug="bones", body=BODY))
    page.save_revision().publish()
    return page


def test_section_with_linked_terms_passes_axe(live_server, browser_page, assert_accessible, section):
    browser_page.goto(live_server.url + section.url)
    links = browser_page.locator("a.glossary-term__link")
    assert [links.nth(i).inner_text() for i in range(links.count())] == [
        "Osteoclasts",
        "bone",
        "Bisphosphonates",
        "hypercalcemia",
        "bone marrow",
        "bone scan",
    ]
    assert browser_page.locator("h2", has_text="What osteoclasts do").locator("a").count() == 0
    assert_accessible(browser_page)
    browser_page.locator("button.glossary-term__toggle").first.click()
    expect(browser_page.locator(f"#glossary-{section.pk}-osteoclast")).to_be_visible()
    assert_accessible(browser_page)  # with a definition open, too


def _focus_visible(page) -> bool:
    return page.evaluate(
        """() => { const el = document.activeElement; const style = getComputedStyle(el);
        return el.matches(':focus-visible') && style.outlineStyle !== 'none'
            && parseFloat(style.outlineWidth) >= 2; }"""
    )


def test_inline_definition_works_from_the_keyboard(live_server, browser_page, section):
    browser_page.goto(live_server.url + section.url)
    popover = browser_page.locator(f"#glossary-{section.pk}-osteoclast")
    is_open = lambda: popover.evaluate("el => el.matches(':popover-open')")  # noqa: E731

    # Tab from the word's link to its "what does it mean" button.
    browser_page.locator("a.glossary-term__link").first.focus()
    browser_page.keyboard.press("Tab")
    assert browser_page.evaluate("document.activeElement.dataset.glossaryToggle") == "osteoclast"
    assert browser_page.evaluate("document.activeElement.getAttribute('aria-expanded')") in (None, "false")
    assert _focus_visible(browser_page)
    assert not is_open()

    browser_page.keyboard.press("Enter")
    assert is_open() and popover.is_visible()
    assert "A bone cell that breaks down old bone." in popover.inner_text()
    browser_page.keyboard.press("Escape")
    assert not is_open() and not popover.is_visible()
    assert browser_page.evaluate("document.activeElement.dataset.glossaryToggle") == "osteoclast"
    assert _focus_visible(browser_page)

    browser_page.keyboard.press("Space")
    assert is_open()
    browser_page.keyboard.press("Enter")
    assert not is_open()

    # The definition's own Close button is reachable and closes it.
    browser_page.keyboard.press("Enter")
    assert is_open()
    popover.locator("button.glossary-term__close").focus()
    assert _focus_visible(browser_page)
    browser_page.keyboard.press("Enter")
    assert not is_open()


def test_the_word_link_works_without_javascript(live_server, browser, section):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + section.url)
    page.locator("a.glossary-term__link").first.click()
    expect(page).to_have_url(re.compile(r"/glossary/osteoclast/$"))
    expect(page.locator("h1")).to_have_text("osteoclast")
    expect(page.locator("main")).to_contain_text("Bones and calcium")  # the term page lists the section that uses it
    context.close()
