"""The journey through the sandbox provider: pending, the hosted page, the thank-you page that never confirms."""

import pytest
from django.test import Client

from cancerinfo.donations.models import Donation

pytestmark = pytest.mark.django_db


def start(client, page, **fields):
    data = {"frequency": "one_off", "amount": "10.00", "email": "kim@example.com", **fields}
    response = client.post(page.url, data)
    assert response.status_code == 303
    return Donation.objects.latest("pk"), response["Location"]


def test_thank_you_page_never_confirms_a_payment_by_itself(client, donation_page):
    donation, _checkout = start(client, donation_page)
    response = client.get(f"{donation_page.url}thank-you/{donation.reference}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "We will email you when your payment is confirmed" in html
    assert "Your payment is confirmed" not in html
    assert "no-store" in response["Cache-Control"]
    donation.refresh_from_db()
    assert donation.status == Donation.PENDING


def test_paying_on_the_sandbox_page_confirms_through_the_signed_webhook(client, donation_page):
    donation, checkout = start(client, donation_page)
    page = client.get(checkout)
    assert page.status_code == 200 and "Pay £10" in page.content.decode()
    paid = client.post(checkout, {"action": "pay"})
    assert paid.status_code == 303
    assert paid["Location"] == f"http://testserver{donation_page.url}thank-you/{donation.reference}/"
    donation.refresh_from_db()
    assert donation.status == Donation.CONFIRMED
    assert donation.processedwebhookevent_set.get().event_type == "checkout.session.completed"
    thanks = client.get(paid["Location"]).content.decode()
    assert "Your payment is confirmed" in thanks
    # Paying twice (back button, double click) sends the same event: processed once.
    client.post(checkout, {"action": "pay"})
    assert donation.processedwebhookevent_set.count() == 1


def test_cancelling_on_the_sandbox_page_returns_to_a_cancelled_page(client, donation_page):
    donation, checkout = start(client, donation_page)
    cancelled = client.post(checkout, {"action": "cancel"})
    assert cancelled.status_code == 303
    html = client.get(cancelled["Location"]).content.decode()
    assert "Your donation was cancelled" in html and "no money has been taken" in html
    donation.refresh_from_db()
    assert donation.status == Donation.EXPIRED
    thanks = client.get(f"{donation_page.url}thank-you/{donation.reference}/").content.decode()
    assert "Your payment did not go through" in thanks


def test_sandbox_page_refuses_tampered_links_and_needs_csrf(client, donation_page):
    _donation, checkout = start(client, donation_page)
    assert client.get(checkout[:-5] + "xxxx/").status_code == 404
    assert Client(enforce_csrf_checks=True).post(checkout, {"action": "pay"}).status_code == 403
    assert client.post(checkout, {"action": "steal"}).status_code == 400


def test_sandbox_is_switched_off_with_a_real_provider(client, donation_page, settings):
    _donation, checkout = start(client, donation_page)
    settings.DONATIONS_PROVIDER = "stripe"
    assert client.get(checkout).status_code == 404
    assert client.post(checkout, {"action": "pay"}).status_code == 404


def test_unknown_donation_reference_is_not_found(client, donation_page):
    assert client.get(f"{donation_page.url}thank-you/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get(f"{donation_page.url}thank-you/nonsense/").status_code == 404
