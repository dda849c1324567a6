"""A nurse sets up two-step verification and signs in with it, in Debian's chromium, as a person would.

Wagtail's admin scripts copy the page's wrapper once it has loaded (the server sends it once), so locators take the
last match (the live copy)."""

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD, make_staff
from .test_second_factor import app_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def no_waiting_between_codes(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0


def enter_code(page, code):
    for field in page.locator("input[name=code]").all():
        field.fill(code)
    submit(page)


def submit(page):
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


def sign_in_with_password(page, base_url):
    page.goto(base_url + "/admin/login/")
    page.fill("input[name=username]", "nurse.nia")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").last.click()


def test_a_nurse_enrols_then_signs_in_with_a_code(live_server, browser_page, assert_accessible, django_user_model):
    nurse = make_staff(django_user_model, "nurse.nia", "Nurses")
    page = browser_page

    # A password alone leads to setting up the second factor, never to the inbox.
    sign_in_with_password(page, live_server.url)
    page.goto(live_server.url + "/admin/enquiries/")
    assert "/admin/two-step/setup/" in page.url
    assert page.locator("h1").last.inner_text() == "Set up two-step verification"
    assert page.locator(".staff-qr svg").count() >= 1
    assert len(page.locator("#totp-secret").last.inner_text().replace(" ", "")) >= 16
    assert_accessible(page)

    enter_code(page, app_code(nurse))
    expect(page.locator("main").last).to_contain_text("Your recovery codes")  # waits for the next page
    expect(page.locator("main").last.locator("li code")).to_have_count(10)
    page.goto(live_server.url + "/admin/enquiries/")
    assert page.url.endswith("/admin/enquiries/")

    # Next time: password, then a fresh code from the app.
    page.context.clear_cookies()
    sign_in_with_password(page, live_server.url)
    page.goto(live_server.url + "/admin/enquiries/")
    assert "/admin/two-step/verify/" in page.url
    assert_accessible(page)
    enter_code(page, app_code(nurse, steps_later=1))
    assert page.url.endswith("/admin/enquiries/")
    assert "Nurse inbox" in page.title()
