"""The builder in Debian's chromium: search, tick, reorder, note, create, then the prescription page. Axe passes."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, check=lambda page: None):
    """From the builder: follow "sign in", ask for a link, open it from the e-mail and press Sign in."""
    from django.core import mail

    page.get_by_role("link", name="sign in with your work e-mail address").click()
    check(page)
    page.get_by_label("Your name").fill("Sister Jo Lee")
    page.get_by_label("Your job title").fill("Breast care nurse")
    page.get_by_label("Your work e-mail address").fill("jo.lee@nhs.net")
    page.get_by_role("button", name="Send me a sign-in link").click()
    assert page.locator("h1").inner_text() == "Check your e-mail"
    link = re.search(r"(http://\S+/sign-in/confirm/\S+)", mail.outbox[-1].body).group(1)
    page.goto(link)
    check(page)
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("h1").inner_text() == "Make an information prescription"


@pytest.mark.parametrize("javascript", [True, False])
def test_builder_journey_in_a_real_browser_is_accessible(live_server, browser, assert_accessible, content, javascript):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
    page = context.new_page()
    check = assert_accessible if javascript else (lambda page: None)  # axe itself needs JavaScript
    try:
        page.goto(live_server.url + "/health-professionals/")
        check(page)
        page.get_by_role("link", name="Make an information prescription").click()
        check(page)
        page.get_by_label("Search booklet sections").fill("bone")
        page.locator("#main-content").get_by_role("button", name="Search", exact=True).click()
        page.get_by_label("Understanding bone metastases: Treating pain").check()
        page.get_by_label("Bone Pain Helpers").check()
        page.get_by_label("A bone pain trial of a new medicine").check()
        page.get_by_role("button", name="Add ticked items").click()
        check(page)
        chosen = page.locator(".prescription-list__item strong")
        expect(chosen).to_have_text(  # waits: without JavaScript the list comes on a new page
            [
                "Understanding bone metastases: Treating pain",
                "Bone Pain Helpers",
                "A bone pain trial of a new medicine",
            ]
        )
        page.get_by_role("button", name=re.compile(r"^Move up\W+A bone pain trial")).click()
        page.get_by_role("button", name=re.compile(r"^Remove\W+Understanding bone metastases: Treating pain")).click()
        expect(chosen).to_have_text(["A bone pain trial of a new medicine", "Bone Pain Helpers"])
        sign_in(page, check)  # a note needs a verified professional; the chosen items stay
        expect(chosen).to_have_text(["A bone pain trial of a new medicine", "Bone Pain Helpers"])
        page.get_by_label("A note for your patient (optional)").fill("Ring the trial team after your scan.")
        page.get_by_role("button", name="Create prescription").click()
        assert page.locator("h1").inner_text() == "Your information prescription is ready"
        check(page)
        short_link = page.locator("#short-link").get_attribute("href")
        assert "/p/" in short_link

        page.goto(short_link)
        assert page.locator("h1").inner_text() == "Information chosen for you"
        assert "Ring the trial team after your scan." in page.content()
        assert "A note from Sister Jo Lee, Breast care nurse" in page.content()
        assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex"
        expect(page.locator(".prescription-items h2")).to_have_text(
            ["A bone pain trial of a new medicine", "Bone Pain Helpers"]
        )
        check(page)
    finally:
        context.close()


def test_a_note_that_is_too_long_shows_an_error_summary(live_server, browser_page, assert_accessible, content):
    page = browser_page
    page.goto(live_server.url + "/health-professionals/prescription/?q=bone")
    page.get_by_label("Bone Pain Helpers").check()
    page.get_by_role("button", name="Add ticked items").click()
    sign_in(page)
    page.get_by_label("A note for your patient (optional)").fill("x" * 501)
    page.get_by_role("button", name="Create prescription").click()
    summary = page.locator(".prescription-error-summary")
    assert "500 characters or fewer" in summary.inner_text()
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_note"
    assert_accessible(page)


def test_audience_switch_is_accessible(live_server, browser_page, assert_accessible, site_tree):
    from cancerinfo.booklets.tests.factories import add_section, make_booklet
    from cancerinfo.versions.models import ContentVersion

    patient = make_booklet(site_tree["cancer-types"], title="Understanding bone pain", sections=0)
    add_section(patient, "Symptoms")
    professional = make_booklet(
        site_tree["cancer-types"], title="Bone pain for professionals", sections=0, audience="professionals"
    )
    add_section(professional, "Symptoms")
    ContentVersion.objects.create(original=patient, version=professional)

    browser_page.goto(f"{live_server.url}{patient.url}symptoms/")
    assert_accessible(browser_page)
    browser_page.get_by_role("link", name="For health professionals").click()
    assert browser_page.url.endswith(f"{professional.url}symptoms/")
    expect(browser_page.locator("[aria-current=page]", has_text="For health professionals")).to_have_count(1)
    assert_accessible(browser_page)
