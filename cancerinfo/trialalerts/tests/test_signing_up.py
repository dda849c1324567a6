"""Signing up for a trial alert: a cancer type and a postcode (we keep the district only), double opt-in through a
link that shows a button (mail scanners start nothing), and a one-click unsubscribe that deletes the alert."""

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.utils import timezone

from cancerinfo.trialalerts.models import KnownTrial, TrialAlert
from cancerinfo.trials.tests.factories import add_site, make_trial

from .factories import alert

pytestmark = pytest.mark.django_db

URL = "/trial-alerts/"


def sign_up(client, email="sam@example.org", postcode="ls1 4ap", cancer="breast-cancer"):
    return client.post(URL, {"email": email, "postcode": postcode, "cancer": cancer})


def link(body: str, kind: str) -> str:
    return re.search(rf"http://testserver(/trial-alerts/{kind}/[^/\s]+/)", body).group(1)


def test_the_form_asks_for_a_cancer_type_a_postcode_and_an_e_mail_address(client, site_tree, breast, districts):
    response = client.get(URL + "?cancer=breast-cancer&postcode=LS1")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Get an e-mail when a trial opens near you</h1>" in html
    assert '<option value="breast-cancer" selected>Breast cancer</option>' in html
    assert 'name="postcode" value="LS1"' in html
    assert 'type="email" name="email"' in html
    assert "We keep only the first part, like LS1" in html
    assert "We delete the alert 365 days after you start it" in html
    assert response["Cache-Control"] == "no-store"


def test_signing_up_keeps_the_district_only_and_sends_a_confirmation_link(client, site_tree, breast, districts):
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/trial-alerts/check-your-email/"
    page = client.get(response["Location"])
    assert "<h1>Check your e-mail</h1>" in page.content.decode()

    saved = TrialAlert.objects.get()
    assert (saved.district, saved.cancer_type, saved.confirmed_at) == ("LS1", breast, None)
    with connection.cursor() as cursor:  # encrypted at rest: the address is not in the table
        cursor.execute("SELECT email FROM trialalerts_trialalert")
        assert "sam@example.org" not in cursor.fetchone()[0]
    assert "LS1 4AP" not in str(TrialAlert.objects.values().get())

    (message,) = mail.outbox
    assert message.to == ["sam@example.org"]
    assert message.subject == "Confirm your clinical trial alert"
    assert "a clinical trial for breast cancer opens near the postcode area LS1" in message.body
    assert link(message.body, "confirm") == f"/trial-alerts/confirm/{saved.token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver/trial-alerts/stop/{saved.token}/>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


@pytest.mark.parametrize(
    "data, field, message",
    [
        ({"postcode": "not a postcode"}, "id_postcode", "Enter a UK postcode, like LS1 4AP"),
        ({"postcode": "ZZ9 9ZZ"}, "id_postcode", "We cannot find the postcode area ZZ9"),
        ({"email": "sam at example"}, "id_email", "Enter your e-mail address, like name@example.com"),
        ({"cancer": ""}, "id_cancer", "Choose the type of cancer the trials should be for"),
    ],
)
def test_a_mistake_is_shown_beside_its_field_and_in_the_summary(
    client, site_tree, breast, districts, data, field, message
):
    response = client.post(URL, {"email": "sam@example.org", "postcode": "LS1 4AP", "cancer": "breast-cancer", **data})
    html = response.content.decode()
    assert response.status_code == 400
    assert f'<li><a href="#{field}">{message}' in html
    assert f'id="{field}-error"' in html and 'aria-invalid="true"' in html
    assert html.count(message) == 2
    assert not TrialAlert.objects.exists() and not mail.outbox


def test_asking_again_sends_the_link_again_until_confirmed_and_never_tells_who_has_an_alert(
    client, site_tree, breast, districts
):
    sign_up(client)
    sign_up(client, email=" SAM@example.org ")
    assert TrialAlert.objects.count() == 1 and len(mail.outbox) == 2
    TrialAlert.objects.update(confirmed_at=timezone.now())
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/trial-alerts/check-your-email/"
    assert len(mail.outbox) == 2


def test_sign_ups_are_limited_per_client_and_confirmation_e_mails_per_address(
    client, site_tree, breast, bowel, districts, settings
):
    settings.TRIAL_ALERTS_PER_ADDRESS_PER_DAY = 2
    settings.TRIAL_ALERTS_PER_HOUR = 3
    for cancer in ("breast-cancer", "bowel-cancer", "breast-cancer"):
        assert sign_up(client, cancer=cancer).status_code == 302
    assert len(mail.outbox) == 2  # the third to the same address: the same page, no e-mail
    response = sign_up(client, email="jo@example.org")
    assert response.status_code == 429
    assert "We have had several requests from here in the last hour" in response.content.decode()


def test_the_confirmation_link_shows_a_button_and_only_the_button_starts_the_alert(
    client, site_tree, breast, districts
):
    leeds = make_trial("Already recruiting in Leeds", cancer_types=[breast], last_updated=timezone.localdate())
    add_site(leeds, (53.8046, -1.5198))
    sign_up(client)
    path = link(mail.outbox[0].body, "confirm")

    page = client.get(path)
    assert page.status_code == 200
    assert '<button class="button" type="submit">Start my alert</button>' in page.content.decode()
    assert TrialAlert.objects.get().confirmed_at is None  # a mail scanner opening the link starts nothing

    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == path
    saved = TrialAlert.objects.get()
    assert saved.confirmed_at is not None
    # What is recruiting near them already is noted, not e-mailed: the finder shows it.
    assert list(KnownTrial.objects.values_list("trial_id", "alerted_at")) == [(leeds.pk, None)]
    html = client.get(path).content.decode()
    assert "<h1>Your trial alert has started</h1>" in html
    assert "1 trial is already taking people near you" in html
    assert "/clinical-trials/?cancer=breast-cancer&amp;postcode=LS1&amp;distance=50" in html
    assert len(mail.outbox) == 1


def test_a_confirmation_link_stops_working_after_the_confirmation_period(client, site_tree, breast, districts):
    sign_up(client)
    TrialAlert.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    path = link(mail.outbox[0].body, "confirm")
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 404
        assert "<h1>This link is not working</h1>" in response.content.decode()
    assert TrialAlert.objects.get().confirmed_at is None


def test_unsubscribing_deletes_the_alert_and_what_it_knew(client, site_tree, breast, districts):
    saved = alert(cancer_type=breast)
    trial = make_trial("Told about", cancer_types=[breast])
    KnownTrial.objects.create(alert=saved, trial=trial)
    path = f"/trial-alerts/stop/{saved.token}/"

    page = client.get(path)
    assert page.status_code == 200 and "Stop my alert</button>" in page.content.decode()
    assert TrialAlert.objects.exists()  # opening the link alone deletes nothing

    response = client.post(path)
    assert response.status_code == 200
    assert "<h1>Your trial alert has stopped</h1>" in response.content.decode()
    assert not TrialAlert.objects.exists() and not KnownTrial.objects.exists()
    again = client.get(path)
    assert again.status_code == 200 and "This alert had already stopped" in again.content.decode()


def test_a_mail_program_unsubscribes_in_one_click_without_a_form(site_tree, breast, districts):
    saved = alert(cancer_type=breast)
    other = alert(email="jo@example.org", cancer_type=breast)
    # RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" to the header's address, with no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        f"/trial-alerts/stop/{saved.token}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert list(TrialAlert.objects.all()) == [other]


def test_a_made_up_token_finds_nothing(client, site_tree, breast, districts):
    alert(cancer_type=breast)
    assert client.get("/trial-alerts/confirm/made-up-token/").status_code == 404
    assert client.post("/trial-alerts/stop/made-up-token/").status_code == 200
    assert TrialAlert.objects.count() == 1


def test_the_trial_finder_offers_the_alert(client, site_tree):
    html = client.get("/clinical-trials/").content.decode()
    assert '<a href="/trial-alerts/">E-mail me when a trial for my cancer type opens near me</a>' in html
