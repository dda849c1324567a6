"""Only a valid, fresh, signed webhook from the provider confirms a donation, and each event acts once."""

import json
import time
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client

from cancerinfo.donations.amounts import to_pence
from cancerinfo.donations.models import MONTHLY, ONE_OFF, Donation, ProcessedWebhookEvent
from cancerinfo.donations.providers.sandbox import SandboxProvider
from cancerinfo.donations.providers.signing import sign
from cancerinfo.donations.services import DonationDetails, create_pending_donation, start_checkout

pytestmark = pytest.mark.django_db
WEBHOOK = "/donations/webhook/sandbox/"
GIFT_AID = {"first_name": "Ada", "last_name": "Lovelace", "house_name_or_number": "12", "postcode": "SW1A 1AA"}


@pytest.fixture
def provider():
    return SandboxProvider()


def pending(provider, amount="20.00", frequency=ONE_OFF, gift_aid=None) -> Donation:
    details = DonationDetails(frequency=frequency, amount=Decimal(amount), email="ada@example.com", gift_aid=gift_aid)
    donation = create_pending_donation(details, provider.name)
    start_checkout(donation, provider, "http://testserver/thanks/", "http://testserver/cancelled/")
    return donation


def completed_event(donation, event_id="evt_1", **changes):
    obj = {
        "id": donation.provider_session_id,
        "object": "checkout.session",
        "client_reference_id": str(donation.reference),
        "payment_status": "paid",
        "amount_total": to_pence(donation.amount),
        "currency": "gbp",
        "payment_intent": "pi_1" if donation.frequency == ONE_OFF else None,
        "subscription": "sub_1" if donation.frequency == MONTHLY else None,
    }
    obj.update(changes)
    return {"id": event_id, "type": "checkout.session.completed", "created": int(time.time()), "data": {"object": obj}}


def deliver(event, secret, timestamp=None, client=None, signature=None):
    body = json.dumps(event).encode()
    header = signature if signature is not None else sign(body, secret, timestamp)
    return (client or Client()).post(
        WEBHOOK, body, content_type="application/json", headers={"Sandbox-Signature": header}
    )


def status(donation):
    donation.refresh_from_db()
    return donation.status


def test_valid_webhook_confirms_the_donation_and_emails_the_donor(provider, django_capture_on_commit_callbacks):
    donation = pending(provider)
    with django_capture_on_commit_callbacks(execute=True):
        response = deliver(completed_event(donation), provider.webhook_secret)
    assert response.status_code == 200
    assert response.json() == {"outcome": "processed"}
    assert status(donation) == Donation.CONFIRMED
    assert donation.confirmed_at is not None and donation.provider_payment_id == "pi_1"
    assert len(mail.outbox) == 1 and "£20 is confirmed" in mail.outbox[0].body
    assert mail.outbox[0].to == ["ada@example.com"]


def test_bad_signature_is_refused(provider):
    donation = pending(provider)
    assert deliver(completed_event(donation), "not-the-secret").status_code == 400
    assert deliver(completed_event(donation), provider.webhook_secret, signature="t=1,v1=abc").status_code == 400
    assert deliver(completed_event(donation), provider.webhook_secret, signature="").status_code == 400
    assert deliver(completed_event(donation), provider.webhook_secret, signature="garbage").status_code == 400
    assert status(donation) == Donation.PENDING
    assert not ProcessedWebhookEvent.objects.exists() and not mail.outbox


def test_a_body_changed_after_signing_is_refused(provider):
    donation = pending(provider)
    body = json.dumps(completed_event(donation)).encode()
    header = sign(body, provider.webhook_secret)
    tampered = body.replace(b'"paid"', b'"paid" ')
    response = Client().post(WEBHOOK, tampered, content_type="application/json", headers={"Sandbox-Signature": header})
    assert response.status_code == 400
    assert status(donation) == Donation.PENDING


def test_old_timestamp_is_refused(provider):
    donation = pending(provider)
    six_minutes_ago = int(time.time()) - 6 * 60
    response = deliver(completed_event(donation), provider.webhook_secret, timestamp=six_minutes_ago)
    assert response.status_code == 400 and "too old" in response.json()["outcome"]
    assert status(donation) == Donation.PENDING


def test_future_timestamp_is_refused(provider):
    donation = pending(provider)
    response = deliver(completed_event(donation), provider.webhook_secret, timestamp=int(time.time()) + 6 * 60)
    assert response.status_code == 400
    assert status(donation) == Donation.PENDING


def test_a_few_minutes_old_is_still_accepted(provider):
    donation = pending(provider)
    four_minutes_ago = int(time.time()) - 4 * 60
    assert deliver(completed_event(donation), provider.webhook_secret, timestamp=four_minutes_ago).status_code == 200
    assert status(donation) == Donation.CONFIRMED


def test_replayed_request_is_refused_and_acts_once(provider, django_capture_on_commit_callbacks):
    donation = pending(provider)
    body = json.dumps(completed_event(donation)).encode()
    header = sign(body, provider.webhook_secret)
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(WEBHOOK, body, content_type="application/json", headers={"Sandbox-Signature": header})
        replay = client.post(WEBHOOK, body, content_type="application/json", headers={"Sandbox-Signature": header})
    assert first.status_code == 200
    assert replay.status_code == 400 and replay.json() == {"outcome": "replayed"}
    assert status(donation) == Donation.CONFIRMED
    assert ProcessedWebhookEvent.objects.count() == 1
    assert len(mail.outbox) == 1


def test_duplicate_event_is_acknowledged_but_processed_once(provider, django_capture_on_commit_callbacks):
    donation = pending(provider)
    event = completed_event(donation)
    with django_capture_on_commit_callbacks(execute=True):
        first = deliver(event, provider.webhook_secret, timestamp=int(time.time()) - 30)
        # The provider retries the same event with a fresh signature: accepted (so it stops retrying), not re-applied.
        again = deliver(event, provider.webhook_secret)
    assert first.json()["outcome"] == "processed"
    assert again.status_code == 200 and again.json() == {"outcome": "duplicate"}
    assert ProcessedWebhookEvent.objects.filter(event_id="evt_1").count() == 1
    assert len(mail.outbox) == 1


def test_processed_event_ids_are_unique_in_the_database(provider):
    from django.db import IntegrityError, transaction

    ProcessedWebhookEvent.objects.create(provider="sandbox", event_id="evt_x", event_type="t", signature_digest="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProcessedWebhookEvent.objects.create(provider="sandbox", event_id="evt_x", event_type="t", signature_digest="b")


@pytest.mark.parametrize(
    "change",
    [{"amount_total": 1}, {"currency": "usd"}, {"id": "cs_someone_else"}, {"payment_status": "unpaid"}],
)
def test_a_payment_that_does_not_match_the_donation_does_not_confirm_it(provider, change):
    donation = pending(provider)
    assert deliver(completed_event(donation, **change), provider.webhook_secret).status_code == 200
    assert status(donation) == Donation.PENDING


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"id": "evt"}', b'{"id": 5, "type": "x", "data": {}}'])
def test_malformed_but_signed_events_are_refused(provider, body):
    header = sign(body, provider.webhook_secret)
    response = Client().post(WEBHOOK, body, content_type="application/json", headers={"Sandbox-Signature": header})
    assert response.status_code == 400


def test_unknown_reference_and_unknown_event_types_are_harmless(provider):
    donation = pending(provider)
    stranger = completed_event(donation, event_id="evt_2", client_reference_id="not-a-uuid")
    assert deliver(stranger, provider.webhook_secret).status_code == 200
    other = {"id": "evt_3", "type": "customer.created", "created": 0, "data": {"object": {"id": "cus_1"}}}
    assert deliver(other, provider.webhook_secret).status_code == 200
    assert status(donation) == Donation.PENDING


def test_webhook_needs_no_csrf_token_but_only_accepts_post(provider):
    donation = pending(provider)
    client = Client(enforce_csrf_checks=True)
    assert deliver(completed_event(donation), provider.webhook_secret, client=client).status_code == 200
    assert client.get(WEBHOOK).status_code == 405


def test_oversized_webhook_is_refused(provider):
    body = b"{" + b" " * (300 * 1024) + b"}"
    header = sign(body, provider.webhook_secret)
    response = Client().post(WEBHOOK, body, content_type="application/json", headers={"Sandbox-Signature": header})
    assert response.status_code == 413


def test_webhook_for_a_provider_that_is_not_configured_is_not_found(provider):
    assert Client().post("/donations/webhook/stripe/", b"{}", content_type="application/json").status_code == 404
    assert Client().post("/donations/webhook/paypal/", b"{}", content_type="application/json").status_code == 404


def test_expired_checkout_marks_the_donation_abandoned(provider):
    donation = pending(provider)
    provider.expire_checkout(donation.provider_session_id)
    assert status(donation) == Donation.EXPIRED
    # A late "paid" for the same donation still confirms it: the provider's word is final.
    deliver(completed_event(donation, event_id="evt_late"), provider.webhook_secret)
    assert status(donation) == Donation.CONFIRMED


def test_one_off_has_no_later_payments_but_monthly_does(provider):
    one_off = pending(provider, "20.00", ONE_OFF)
    monthly = pending(provider, "5.00", MONTHLY, gift_aid=GIFT_AID)
    deliver(completed_event(one_off, event_id="evt_a"), provider.webhook_secret)
    deliver(completed_event(monthly, event_id="evt_b"), provider.webhook_secret)
    monthly.refresh_from_db()
    one_off.refresh_from_db()
    assert one_off.provider_subscription_id == "" and one_off.provider_payment_id == "pi_1"
    assert monthly.status == Donation.CONFIRMED and monthly.provider_subscription_id == "sub_1"

    provider.renew("sub_1", Decimal("5.00"), str(monthly.reference), "2026-12")
    provider.renew("sub_1", Decimal("5.00"), str(monthly.reference), "2026-12")  # the same month again
    provider.renew("sub_1", Decimal("5.00"), str(monthly.reference), "2027-01")
    later = Donation.objects.filter(regular_gift=monthly).order_by("pk")
    assert later.count() == 2
    assert all(d.status == Donation.CONFIRMED and d.frequency == MONTHLY for d in later)
    assert all(
        d.amount == Decimal("5.00") and d.gift_aid_declaration_id == monthly.gift_aid_declaration_id for d in later
    )
    assert not Donation.objects.filter(regular_gift=one_off).exists()


def test_first_invoice_of_a_subscription_does_not_create_a_second_donation(provider):
    monthly = pending(provider, "5.00", MONTHLY)
    deliver(completed_event(monthly), provider.webhook_secret)
    invoice = {"id": "in_1", "billing_reason": "subscription_create", "subscription": "sub_1", "amount_paid": 500}
    event = {"id": "evt_inv", "type": "invoice.paid", "created": 0, "data": {"object": invoice}}
    deliver(event, provider.webhook_secret)
    assert Donation.objects.count() == 1


def test_cancelled_subscription_is_recorded(provider):
    monthly = pending(provider, "5.00", MONTHLY)
    deliver(completed_event(monthly), provider.webhook_secret)
    event = {
        "id": "evt_del",
        "type": "customer.subscription.deleted",
        "created": 0,
        "data": {"object": {"id": "sub_1"}},
    }
    deliver(event, provider.webhook_secret)
    monthly.refresh_from_db()
    assert monthly.subscription_cancelled_at is not None


def test_a_checkout_named_only_by_its_metadata_reference_confirms_the_donation(provider):
    # Payment links and subscriptions carry our reference in metadata rather than client_reference_id.
    donation = pending(provider)
    event = completed_event(
        donation, client_reference_id=None, metadata={"donation_reference": str(donation.reference)}
    )
    deliver(event, provider.webhook_secret)
    assert status(donation) == Donation.CONFIRMED


def test_a_later_month_named_by_the_invoices_parent_is_recorded(provider):
    # Newer versions of Stripe's API name the subscription under parent.subscription_details, not at the top.
    monthly = pending(provider, "5.00", MONTHLY)
    deliver(completed_event(monthly), provider.webhook_secret)
    invoice = {
        "id": "in_2",
        "billing_reason": "subscription_cycle",
        "amount_paid": 500,
        "parent": {"type": "subscription_details", "subscription_details": {"subscription": "sub_1"}},
    }
    deliver(
        {"id": "evt_inv_2", "type": "invoice.paid", "created": 0, "data": {"object": invoice}}, provider.webhook_secret
    )
    later = Donation.objects.get(regular_gift=monthly)
    assert later.provider_payment_id == "in_2" and later.amount == Decimal("5.00")


def test_a_cancelled_subscription_touches_only_its_own_gift(provider):
    mine = pending(provider, "5.00", MONTHLY)
    deliver(completed_event(mine, event_id="evt_mine"), provider.webhook_secret)
    other = pending(provider, "7.00", MONTHLY)
    deliver(completed_event(other, event_id="evt_other", subscription="sub_2"), provider.webhook_secret)
    elsewhere = pending(provider, "9.00", MONTHLY)
    deliver(completed_event(elsewhere, event_id="evt_elsewhere", subscription="sub_3"), provider.webhook_secret)
    Donation.objects.filter(pk=elsewhere.pk).update(provider="another-provider", provider_subscription_id="sub_1")

    event = {
        "id": "evt_del",
        "type": "customer.subscription.deleted",
        "created": 0,
        "data": {"object": {"id": "sub_1"}},
    }
    deliver(event, provider.webhook_secret)

    cancelled = {d.pk for d in Donation.objects.filter(subscription_cancelled_at__isnull=False)}
    assert cancelled == {mine.pk}


@pytest.mark.parametrize("parent", ["sub_1", {"subscription_details": "sub_1"}, ["sub_1"]])
def test_a_later_month_whose_parent_is_not_an_object_is_acknowledged_and_records_nothing(provider, parent):
    # A provider change or a forged-but-signed body must not make the webhook fail (the provider would retry it for
    # days); the payment matches no gift, so it is logged and left alone.
    monthly = pending(provider, "5.00", MONTHLY)
    deliver(completed_event(monthly), provider.webhook_secret)
    invoice = {"id": "in_3", "billing_reason": "subscription_cycle", "amount_paid": 500, "parent": parent}
    response = deliver(
        {"id": "evt_inv_3", "type": "invoice.paid", "created": 0, "data": {"object": invoice}}, provider.webhook_secret
    )
    assert response.status_code == 200
    assert not Donation.objects.filter(regular_gift=monthly).exists()
