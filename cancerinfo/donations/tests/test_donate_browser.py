"""The donate journey in Debian's chromium, through the sandbox provider, and axe on the form with errors shown."""

import pytest
from playwright.sync_api import expect

from cancerinfo.donations.models import MONTHLY, Donation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_donate_with_gift_aid_through_the_sandbox(live_server, browser_page, assert_accessible, donation_page):
    page = browser_page
    page.goto(live_server.url + donation_page.url)
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    assert not page.get_by_label("First name").is_visible()  # revealed when Gift Aid is ticked (with JavaScript)

    # First try: mistakes everywhere.
    page.get_by_label("Other amount", exact=True).check()
    page.get_by_label("Other amount, in pounds").fill("12.345")
    page.get_by_label("Yes, add Gift Aid").check()
    page.get_by_role("button", name="Continue to payment").click()
    summary = page.locator(".donate-error-summary")
    expect(summary).to_be_visible()
    assert page.title().startswith("Error:")
    assert "no more than 2 numbers after the point" in summary.inner_text()
    assert "Enter your email address" in summary.inner_text()
    assert "Enter your first name, so we can claim Gift Aid" in summary.inner_text()
    assert_accessible(page)
    summary.get_by_role("link", name="Enter your first name, so we can claim Gift Aid").click()
    assert page.evaluate("document.activeElement.id") == "id_first_name"

    # Second try: right.
    page.get_by_label("£25").check()
    page.get_by_label("Other amount, in pounds").fill("")
    assert "Your £25 becomes £31.25" in page.locator("[data-gift-aid-value]").inner_text()
    page.get_by_label("Email address").fill("pat@example.com")
    page.get_by_label("In memory of someone? Their name (optional)").fill("Mum")
    page.get_by_label("How did you hear about us? (optional)").select_option("booklet")
    page.get_by_label("First name").fill("Pat")
    page.get_by_label("Last name").fill("Smith")
    page.get_by_label("House name or number").fill("14")
    page.get_by_label("Postcode").fill("m1 1ae")
    page.get_by_role("button", name="Continue to payment").click()

    # The sandbox's hosted page: the donation is already recorded, pending.
    page.wait_for_url("**/donations/sandbox/checkout/**")
    assert Donation.objects.get().status == Donation.PENDING
    assert page.locator("h1").inner_text() == "Pay £25"
    assert_accessible(page)
    page.get_by_role("button", name="Pay £25").click()

    page.wait_for_url("**/thank-you/**")
    assert "Your payment is confirmed" in page.locator("main").inner_text()
    assert "Your £25 becomes £31.25" in page.locator("main").inner_text()
    assert_accessible(page)
    donation = Donation.objects.select_related("gift_aid_declaration").get()
    assert donation.status == Donation.CONFIRMED
    assert donation.in_memory_of == "Mum" and donation.heard_about == "booklet"
    assert donation.gift_aid_declaration.postcode == "M1 1AE"


def test_monthly_donation_without_javascript_then_cancel(live_server, browser, donation_page):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + donation_page.url)
    page.get_by_role("link", name="Give monthly").click()
    expect(page.locator("h2", has_text="each month")).to_be_visible()
    page.get_by_label("£10 a month").check()
    page.get_by_label("Email address").fill("lee@example.com")
    page.get_by_role("button", name="Continue to payment").click()
    page.wait_for_url("**/donations/sandbox/checkout/**")
    assert page.locator("h1").inner_text() == "Pay £10 a month"
    page.get_by_role("button", name="Cancel and go back").click()
    page.wait_for_url("**/cancelled/**")
    assert page.locator("h1").inner_text() == "Your donation was cancelled"
    donation = Donation.objects.get()
    assert donation.frequency == MONTHLY and donation.status == Donation.EXPIRED
    page.get_by_role("link", name="Try again").click()
    expect(page.locator("h2", has_text="each month")).to_be_visible()
    context.close()
