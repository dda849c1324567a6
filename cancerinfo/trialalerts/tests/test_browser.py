"""The whole journey in Debian's chromium: from the trial finder, sign up; confirm through the e-mailed link; an
import that adds a trial for another cancer type sends nothing; one that adds a matching trial near Leeds sends one
alert; its link stops the alert. Axe passes on every page (with JavaScript; the journey also works without)."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from cancerinfo.trialalerts.models import TrialAlert
from cancerinfo.trials.importer import import_path
from cancerinfo.trials.tests.factories import write_ndjson

from .factories import trial_study

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("javascript", [True, False])
def test_subscribe_confirm_one_alert_then_unsubscribe(
    live_server, browser, assert_accessible, site_tree, districts, breast, bowel, tmp_path, javascript
):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=javascript)
    page = context.new_page()
    check = assert_accessible if javascript else (lambda page: None)  # axe itself needs JavaScript
    heading = page.locator("h1")
    try:
        page.goto(live_server.url + "/clinical-trials/")
        page.get_by_role("link", name="E-mail me when a trial for my cancer type opens near me").click()
        expect(heading).to_have_text("Get an e-mail when a trial opens near you")
        check(page)
        page.get_by_label("Type of cancer").select_option(label="Breast cancer")
        page.get_by_label("Postcode").fill("LS1 4AP")
        page.get_by_label("E-mail address").fill("sam@example.org")
        page.get_by_role("button", name="Send me a link to start the alert").click()
        expect(heading).to_have_text("Check your e-mail")
        check(page)

        (confirmation,) = mail.outbox
        page.goto(re.search(r"(http://\S+/trial-alerts/confirm/\S+/)", confirmation.body).group(1))
        expect(heading).to_have_text("Start your trial alert")
        check(page)
        page.get_by_role("button", name="Start my alert").click()
        expect(heading).to_have_text("Your trial alert has started")
        check(page)
        assert TrialAlert.objects.get().confirmed_at is not None

        # An import of a trial for another cancer type, at the same Leeds hospital: nothing.
        import_path(
            write_ndjson(tmp_path / "bowel.ndjson", [trial_study("NCT09100001", condition="Colorectal Cancer")])
        )
        assert len(mail.outbox) == 1
        # An import that adds a breast cancer trial recruiting in Leeds: one alert.
        import_path(write_ndjson(tmp_path / "breast.ndjson", [trial_study("NCT09100002")]))
        assert len(mail.outbox) == 2
        alert = mail.outbox[1]
        assert alert.to == ["sam@example.org"]
        assert alert.subject == "A new clinical trial for breast cancer near LS1"
        assert "NCT09100002" in alert.body and "NCT09100001" not in alert.body

        # The alert's link (written by the worker with the site's own address) stops the alert in one click.
        stop = urlsplit(re.search(r"Stop these e-mails \(one click\):\n(\S+)", alert.body).group(1)).path
        page.goto(live_server.url + stop)
        expect(heading).to_have_text("Stop your trial alert")
        check(page)
        page.get_by_role("button", name="Stop my alert").click()
        expect(heading).to_have_text("Your trial alert has stopped")
        check(page)
        assert not TrialAlert.objects.exists()

        import_path(write_ndjson(tmp_path / "later.ndjson", [trial_study("NCT09100003")]))
        assert len(mail.outbox) == 2  # no more alerts
    finally:
        context.close()
