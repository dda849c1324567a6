"""The finder passes axe-core (no serious or critical violations) with results and with errors, and works without
JavaScript."""

import pytest

from cancerinfo.booklets.tests.factories import add_section, make_booklet, publish
from cancerinfo.taxonomy.models import CancerType, Topic

from .factories import make_districts, make_trial

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def trials_site(site_tree):
    make_districts()
    prostate = CancerType.objects.create(name="Prostate cancer")
    for number, district in enumerate(["M20", "LS9", "SW1A", "EH1"]):
        make_trial(
            f"Radiotherapy trial {number}",
            cancer_types=[prostate],
            sites=[district, "CF14"],
            min_age_months=216,
            plain_summary="A plain-English summary." if number % 2 else "",
        )
    return site_tree


def test_the_finder_with_results_passes_axe(live_server, browser_page, assert_accessible, trials_site):
    browser_page.goto(f"{live_server.url}/clinical-trials/?cancer=prostate-cancer&postcode=M1+1AA&age=60")
    assert browser_page.locator("h1").count() == 1
    assert browser_page.locator(".trial-card").count() == 4
    assert browser_page.locator(".trial-card").first.get_by_text("miles").count() >= 1
    assert browser_page.get_by_role("button", name="Print this list").is_visible()
    assert_accessible(browser_page)


def test_the_finder_with_errors_passes_axe(live_server, browser_page, assert_accessible, trials_site):
    browser_page.goto(f"{live_server.url}/clinical-trials/?cancer=prostate-cancer&postcode=hello&age=old&distance=25")
    summary = browser_page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.get_by_role("link").count() == 2
    assert browser_page.locator(".trial-card").count() == 4  # the cancer type still applies
    assert browser_page.get_by_label("Postcode").get_attribute("aria-invalid") == "true"
    assert_accessible(browser_page)


def test_a_trial_page_and_the_booklet_box_pass_axe(live_server, browser_page, assert_accessible, trials_site):
    booklet = make_booklet(trials_site["cancer-types"], "Understanding prostate cancer", sections=1)
    booklet.cancer_types.set(CancerType.objects.filter(slug="prostate-cancer"))
    publish(booklet)
    section = add_section(booklet, "Research and trials", slug="research")
    # Transactional tests flush the topics a migration seeded: make sure the Research topic is there.
    research, _ = Topic.objects.get_or_create(slug="research", defaults={"name": "Research"})
    section.topics.set([research])
    publish(section)

    browser_page.goto(live_server.url + section.url)
    assert browser_page.locator(".trials-box li").count() == 5  # four trials and the finder link
    assert_accessible(browser_page)
    browser_page.locator(".trials-box a").first.click()
    assert browser_page.locator("h1").count() == 1
    assert_accessible(browser_page)


def test_the_finder_works_without_javascript(live_server, browser, trials_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/clinical-trials/")
    page.get_by_label("Type of cancer").select_option("prostate-cancer")
    page.get_by_label("Postcode").fill("sw1a1aa")
    page.get_by_role("button", name="Find trials").click()
    assert "postcode=sw1a1aa" in page.url
    assert page.locator(".trial-card").first.get_by_text("Radiotherapy trial 2").is_visible()
    context.close()
