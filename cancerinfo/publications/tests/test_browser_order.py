"""The order journey in Debian's chromium, with axe-core on the catalogue, basket and order form with errors."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from cancerinfo.publications.models import Order

from .factories import catalogue, make_publication

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shop(site_tree):
    make_publication("CI-0001", "Understanding bone health", stock_count=50, large_print=True)
    make_publication("CI-L001", "Talking to our nurses", stock_count=20, easy_read=True, languages="English, Welsh")
    make_publication("CI-0009", "An old booklet", out_of_print=True, stock_count=0)
    return catalogue(site_tree)


def test_order_journey_in_a_browser(live_server, browser_page, assert_accessible, shop):
    page = browser_page
    page.goto(live_server.url + shop.url)
    assert page.locator("h1").inner_text() == "Printed publications"
    assert_accessible(page)

    page.select_option("#id_format", "large-print")
    page.get_by_role("button", name="Show publications").click()
    assert "1 publication in large print" in page.locator("#results").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Show all publications").click()

    page.fill("#quantity-CI-0001", "2")
    page.locator("form.pub-add-form", has=page.locator("#quantity-CI-0001")).get_by_role("button").click()
    expect(page.locator("h1")).to_have_text("Your basket")
    expect(page.locator("main")).to_contain_text("Added to your basket")
    assert_accessible(page)

    page.get_by_role("button", name="Continue to your address").click()
    assert page.locator("h1").inner_text() == "Your name and address"
    page.fill("#id_postcode", "75001")
    page.fill("#id_email", "not-an-email")
    page.get_by_role("button", name="Send my order").click()

    summary = page.locator(".pub-error-summary")
    expect(summary).to_be_visible()
    assert page.evaluate("document.activeElement.classList.contains('pub-error-summary')"), "focus moves to the summary"
    assert "Enter a full UK postcode, like SW1A 1AA" in summary.inner_text()
    expect(page.locator("#id_postcode-error")).to_be_visible()
    assert_accessible(page)
    summary.get_by_role("link", name="Enter your full name").click()
    assert page.evaluate("document.activeElement.id") == "id_name"

    page.fill("#id_name", "Sam Taylor")
    page.fill("#id_address_line_1", "1 High Street")
    page.fill("#id_town", "Leeds")
    page.fill("#id_postcode", "ls1 4ap")
    page.fill("#id_email", "sam@example.org")
    page.get_by_role("button", name="Send my order").dblclick()

    page.wait_for_selector("text=Order received")
    order = Order.objects.get()
    assert order.reference in page.locator(".pub-panel").inner_text()
    assert "LS1 4AP" in page.locator(".address").inner_text()
    assert re.search(r"/order/CI-[A-Z2-9-]+/$", page.url)
    assert_accessible(page)
    assert Order.objects.count() == 1, "a double click sends one order"
    assert len(mail.outbox) == 1


def test_basket_and_order_form_work_without_javascript(live_server, browser, shop):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + shop.url + "CI-L001/")
    page.select_option("#format-CI-L001", "easy-read")
    page.get_by_role("button", name="Add to basket").click()
    assert "Easy read" in page.locator(".pub-basket-table").inner_text()
    page.get_by_role("button", name="Continue to your address").click()
    page.check("#id_ordering_as_1")
    page.fill("#id_name", "Alex Jones")
    page.fill("#id_address_line_1", "2 Hospital Road")
    page.fill("#id_town", "Cardiff")
    page.fill("#id_postcode", "CF10 1AA")
    page.get_by_role("button", name="Send my order").click()
    assert "Enter the organisation you work for" in page.locator(".pub-error-summary").inner_text()
    page.fill("#id_organisation", "Velindre clinic")
    page.fill("#id_job_role", "Nurse")
    page.get_by_role("button", name="Send my order").click()
    assert page.locator("h1").inner_text() == "Order received"
    assert Order.objects.get().is_professional
    context.close()
