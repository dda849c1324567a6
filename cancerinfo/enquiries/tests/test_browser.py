"""Ask a nurse end to end in Debian's chromium, with axe-core on the forms with and without errors."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from cancerinfo.enquiries.models import ContactMessage, Enquiry

from .conftest import CANARY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fast_forms(settings):
    # A browser robot fills the form in well under the minimum time a person needs.
    settings.ENQUIRY_MIN_FILL_SECONDS = 0


def test_ask_a_nurse_end_to_end(live_server, browser_page, assert_accessible, site_tree, fast_forms):
    page = browser_page
    page.goto(live_server.url + site_tree["contact-us"].url)
    assert_accessible(page)
    page.get_by_role("link", name="Ask a nurse online").click()
    assert page.locator("h1").inner_text() == "Ask a nurse"
    assert_accessible(page)

    # Send it empty: an error summary that links to each field.
    page.get_by_role("button", name="Send your question").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    assert page.title().startswith("Error:")
    assert_accessible(page)
    summary.get_by_role("link", name="Enter your question").click()
    assert page.evaluate("document.activeElement.id") == "id_question"

    # Fill it in but forget the consent box.
    page.get_by_label("Your question").fill(CANARY)
    page.get_by_label("Someone else").check()
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_role("button", name="Send your question").click()
    assert "Tick the box to agree" in page.locator(".error-summary").inner_text()
    assert page.get_by_label("Your question").input_value() == CANARY
    assert_accessible(page)

    page.get_by_label("I agree that CancerInfo").check()
    page.get_by_role("button", name="Send your question").click()
    assert page.locator("h1").inner_text() == "Question sent"
    enquiry = Enquiry.objects.get()
    assert enquiry.reference in page.locator(".reference").inner_text()
    assert CANARY not in page.url
    assert_accessible(page)
    assert [m.to for m in mail.outbox] == [["sam@example.org"], ["nurses@cancerinfo.example"]]


def test_write_to_us_with_and_without_errors(live_server, browser_page, assert_accessible, site_tree, fast_forms):
    page = browser_page
    page.goto(live_server.url + site_tree["contact-us"].write_to_us_url)
    assert_accessible(page)
    page.get_by_role("button", name="Send your message").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("A problem with the website").check()
    page.get_by_label("Your message").fill("The menu overlaps the text on my tablet.")
    page.get_by_label("Email address").fill("alex@example.org")
    page.get_by_role("button", name="Send your message").click()
    assert page.locator("h1").inner_text() == "Message sent"
    assert ContactMessage.objects.count() == 1


def test_support_directory_is_accessible(live_server, browser_page, assert_accessible, site_tree):
    from cancerinfo.organisations import demo

    demo.load(site_tree, type("Quiet", (), {"write": lambda self, text: None})())
    browser_page.goto(live_server.url + site_tree["support"].url)
    assert_accessible(browser_page)
    browser_page.get_by_label("Where you live").select_option("wales")
    browser_page.get_by_role("button", name="Show organisations").click()
    # expect() waits for the filtered page to arrive; content() read mid-navigation is empty
    expect(browser_page).to_have_url(re.compile(r"region=wales"))
    expect(browser_page.locator("main")).to_contain_text("Valleys Treatment Transport")
    expect(browser_page.locator("main")).not_to_contain_text("Northern Lights")
    assert_accessible(browser_page)
