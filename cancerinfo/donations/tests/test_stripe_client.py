"""The Stripe Checkout client, against a local fake of the Stripe endpoints we use, and Stripe's signatures."""

import hashlib
import hmac
import json
import threading
import time
import urllib.parse
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client

from cancerinfo.donations.models import Donation
from cancerinfo.donations.providers import CheckoutRequest, ProviderError, WebhookError, get_provider
from cancerinfo.donations.providers.stripe import StripeProvider

SECRET_KEY = "sk_test_fake"
WEBHOOK_SECRET = "whsec_test_fake"


class FakeStripe(BaseHTTPRequestHandler):
    """POST /v1/checkout/sessions and /v1/checkout/sessions/{id}/expire, as Stripe answers them."""

    requests: list = []
    answer: tuple | None = None  # (status, body) to force an answer

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        fields = urllib.parse.parse_qs(self.rfile.read(length).decode(), keep_blank_values=True)
        FakeStripe.requests.append({"path": self.path, "headers": dict(self.headers), "fields": fields})
        if FakeStripe.answer is not None:
            return self._send(*FakeStripe.answer)
        if self.headers.get("Authorization") != f"Bearer {SECRET_KEY}":
            return self._send(401, {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided"}})
        if self.path == "/v1/checkout/sessions":
            if "line_items[0][price_data][unit_amount]" not in fields:
                return self._send(400, {"error": {"message": "Missing required param: line_items."}})
            session_id = f"cs_test_{len(FakeStripe.requests):04d}"
            return self._send(
                200,
                {
                    "id": session_id,
                    "object": "checkout.session",
                    "url": f"https://checkout.stripe.com/c/pay/{session_id}",
                },
            )
        if self.path.startswith("/v1/checkout/sessions/") and self.path.endswith("/expire"):
            return self._send(200, {"id": self.path.split("/")[4], "status": "expired"})
        return self._send(404, {"error": {"message": "Unrecognized request URL"}})

    def _send(self, status, body):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def fake_stripe():
    FakeStripe.requests = []
    FakeStripe.answer = None
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeStripe)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def checkout(frequency="one_off", amount="10.50"):
    return CheckoutRequest(
        reference="3f2b8c1e-0000-4000-8000-000000000001",
        amount=Decimal(amount),
        frequency=frequency,
        email="donor@example.com",
        description="Donation to CancerInfo",
        success_url="https://example.org/support-us/thank-you/x/",
        cancel_url="https://example.org/support-us/cancelled/x/",
    )


def one(fields, name):
    return fields[name][0]


def test_one_off_checkout_session(fake_stripe):
    session = StripeProvider(SECRET_KEY, WEBHOOK_SECRET, api_base=fake_stripe).create_checkout(checkout())
    assert session.id == "cs_test_0001"
    assert session.url == "https://checkout.stripe.com/c/pay/cs_test_0001"
    sent = FakeStripe.requests[0]
    assert sent["path"] == "/v1/checkout/sessions"
    assert sent["headers"]["Authorization"] == f"Bearer {SECRET_KEY}"
    assert sent["headers"]["Idempotency-Key"] == "checkout-3f2b8c1e-0000-4000-8000-000000000001"
    fields = sent["fields"]
    assert one(fields, "mode") == "payment"
    assert one(fields, "line_items[0][price_data][unit_amount]") == "1050"
    assert one(fields, "line_items[0][price_data][currency]") == "gbp"
    assert one(fields, "line_items[0][quantity]") == "1"
    assert one(fields, "client_reference_id") == "3f2b8c1e-0000-4000-8000-000000000001"
    assert one(fields, "success_url") == "https://example.org/support-us/thank-you/x/"
    assert one(fields, "cancel_url") == "https://example.org/support-us/cancelled/x/"
    assert one(fields, "customer_email") == "donor@example.com"
    assert "line_items[0][price_data][recurring][interval]" not in fields
    # Card details never pass through us: nothing card-like is ever sent or asked for.
    assert not any("card" in name for name in fields)


def test_monthly_checkout_session_is_a_subscription(fake_stripe):
    StripeProvider(SECRET_KEY, WEBHOOK_SECRET, api_base=fake_stripe).create_checkout(checkout("monthly", "5"))
    fields = FakeStripe.requests[0]["fields"]
    assert one(fields, "mode") == "subscription"
    assert one(fields, "line_items[0][price_data][recurring][interval]") == "month"
    assert one(fields, "line_items[0][price_data][unit_amount]") == "500"
    assert one(fields, "subscription_data[metadata][donation_reference]").startswith("3f2b8c1e")


def test_expire_checkout_session(fake_stripe):
    StripeProvider(SECRET_KEY, WEBHOOK_SECRET, api_base=fake_stripe).expire_checkout("cs_test_9")
    assert FakeStripe.requests[0]["path"] == "/v1/checkout/sessions/cs_test_9/expire"


def test_stripe_errors_become_provider_errors(fake_stripe):
    with pytest.raises(ProviderError, match="HTTP 401 Invalid API Key"):
        StripeProvider("sk_wrong", WEBHOOK_SECRET, api_base=fake_stripe).create_checkout(checkout())
    FakeStripe.answer = (200, b"<html>not json</html>")
    with pytest.raises(ProviderError, match="not JSON"):
        StripeProvider(SECRET_KEY, WEBHOOK_SECRET, api_base=fake_stripe).create_checkout(checkout())
    FakeStripe.answer = (200, {"id": "cs_1"})
    with pytest.raises(ProviderError, match="no id or URL"):
        StripeProvider(SECRET_KEY, WEBHOOK_SECRET, api_base=fake_stripe).create_checkout(checkout())
    with pytest.raises(ProviderError, match="not set"):
        StripeProvider("", WEBHOOK_SECRET, api_base=fake_stripe).create_checkout(checkout())


def test_unreachable_stripe_is_a_provider_error():
    provider = StripeProvider(SECRET_KEY, WEBHOOK_SECRET, api_base="http://127.0.0.1:9", timeout=2)
    with pytest.raises(ProviderError, match="Could not reach Stripe"):
        provider.create_checkout(checkout())


def stripe_signature(payload: bytes, secret: str, timestamp: int) -> str:
    """Stripe's scheme, written out independently: HMAC-SHA256 of "{t}.{payload}" with the endpoint secret."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def test_stripe_webhook_signature_scheme():
    provider = StripeProvider(SECRET_KEY, WEBHOOK_SECRET)
    body = json.dumps({"id": "evt_1", "type": "ping", "data": {"object": {}}}).encode()
    now = int(time.time())
    assert provider.parse_webhook(body, stripe_signature(body, WEBHOOK_SECRET, now)).id == "evt_1"
    # While a secret is being rolled Stripe sends several v1 signatures; one good one is enough.
    good = stripe_signature(body, WEBHOOK_SECRET, now).split(",")[1]
    assert provider.parse_webhook(body, f"t={now},v1={'0' * 64},{good}").id == "evt_1"
    for header in (
        stripe_signature(body, "whsec_other", now),
        stripe_signature(body, WEBHOOK_SECRET, now - 301),
        f"t={now},v0={good[3:]}",
        "",
    ):
        with pytest.raises(WebhookError):
            provider.parse_webhook(body, header)
    with pytest.raises(WebhookError, match="No webhook secret"):
        StripeProvider(SECRET_KEY, "").parse_webhook(body, stripe_signature(body, "", now))


@pytest.mark.django_db
def test_whole_journey_with_stripe(fake_stripe, settings, donation_page):
    settings.DONATIONS_PROVIDER = "stripe"
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = fake_stripe
    assert isinstance(get_provider(), StripeProvider)
    client = Client()
    response = client.post(donation_page.url, {"frequency": "one_off", "amount": "25.00", "email": "a@example.com"})
    assert response.status_code == 303
    assert response["Location"].startswith("https://checkout.stripe.com/c/pay/cs_test_")
    donation = Donation.objects.get()
    assert donation.status == Donation.PENDING and donation.provider == "stripe"
    sent = FakeStripe.requests[0]["fields"]
    assert one(sent, "success_url") == f"http://testserver{donation_page.url}thank-you/{donation.reference}/"

    event = {
        "id": "evt_stripe_1",
        "type": "checkout.session.completed",
        "created": int(time.time()),
        "data": {
            "object": {
                "id": donation.provider_session_id,
                "client_reference_id": str(donation.reference),
                "payment_status": "paid",
                "amount_total": 2500,
                "currency": "gbp",
                "payment_intent": "pi_123",
            }
        },
    }
    body = json.dumps(event).encode()
    bad = client.post(
        "/donations/webhook/stripe/",
        body,
        content_type="application/json",
        headers={"Stripe-Signature": stripe_signature(body, "whsec_wrong", int(time.time()))},
    )
    assert bad.status_code == 400
    good = client.post(
        "/donations/webhook/stripe/",
        body,
        content_type="application/json",
        headers={"Stripe-Signature": stripe_signature(body, WEBHOOK_SECRET, int(time.time()))},
    )
    assert good.status_code == 200
    donation.refresh_from_db()
    assert donation.status == Donation.CONFIRMED and donation.provider_payment_id == "pi_123"
    assert client.post("/donations/webhook/sandbox/", body, content_type="application/json").status_code == 404


def test_system_checks_want_stripe_keys(settings):
    from cancerinfo.donations.checks import payment_provider_configured

    settings.DONATIONS_PROVIDER = "stripe"
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    assert {m.id for m in payment_provider_configured(None)} == {"donations.E002"}
    settings.DONATIONS_PROVIDER = "sandbox"
    settings.DEBUG = False
    assert {m.id for m in payment_provider_configured(None)} == {"donations.W001"}
