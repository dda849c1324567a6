"""Axe finds no serious or critical problems on a page with the review notice and the feedback form."""

import pytest

from cancerinfo.governance.models import Feedback

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_overdue_section_with_the_notice_and_feedback_form_is_accessible(
    live_server, browser_page, assert_accessible, overdue_booklet
):
    section = overdue_booklet.get_children().first()
    browser_page.goto(live_server.url + section.url)
    assert browser_page.locator(".review-notice").is_visible()
    assert browser_page.get_by_role("group", name="Was this page helpful?").is_visible()
    assert_accessible(browser_page)

    # Without choosing: the error page links to the field.
    browser_page.get_by_role("button", name="Send feedback").click()
    assert browser_page.get_by_text("There is a problem").is_visible()
    assert_accessible(browser_page)

    browser_page.get_by_label("No").check()
    browser_page.get_by_label("How could we make this page better? (optional)").fill("More about scans, please.")
    browser_page.get_by_role("button", name="Send feedback").click()
    assert browser_page.get_by_role("heading", name="Thank you for your feedback").is_visible()
    assert_accessible(browser_page)
    assert Feedback.objects.get().comment == "More about scans, please."
