"""A local stand-in for a payment provider, so the whole journey runs offline in the demo and the tests.

It imitates Stripe Checkout: create_checkout() returns the URL of our own "hosted" page (views.sandbox_checkout),
whose details travel signed in the URL, as a real provider keeps them on its side. Paying there sends a
Stripe-shaped event, signed with the sandbox's webhook secret, through the same verification and processing as a
real webhook. No card details are asked for or stored. It refuses to run unless DONATIONS_PROVIDER is "sandbox".
"""

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable

from django.conf import settings
from django.core import signing
from django.urls import reverse

from ..amounts import to_pence
from .base import CheckoutRequest, CheckoutSession, PaymentProvider
from .signing import sign

TOKEN_SALT = "cancerinfo.donations.sandbox-checkout"  # noqa: S105 - a signing salt, not a secret
TOKEN_MAX_AGE = 24 * 60 * 60

# The donations service's webhook handler, connected by services.py: the sandbox hands its events to the service
# without importing it (the service imports the providers).
_webhook_door: Callable | None = None


def connect_webhook_door(handler: Callable) -> None:
    global _webhook_door
    _webhook_door = handler


def sandbox_webhook_secret() -> str:
    configured = getattr(settings, "DONATIONS_SANDBOX_WEBHOOK_SECRET", "")
    if configured:
        return configured
    return hmac.new(settings.SECRET_KEY.encode(), b"donations-sandbox-webhook", hashlib.sha256).hexdigest()


class SandboxProvider(PaymentProvider):
    name = "sandbox"
    signature_header = "Sandbox-Signature"

    def __init__(self, webhook_secret: str | None = None, tolerance: int = 300):
        super().__init__(webhook_secret or sandbox_webhook_secret(), tolerance)

    def create_checkout(self, request: CheckoutRequest) -> CheckoutSession:
        session_id = f"cs_sandbox_{secrets.token_hex(12)}"
        session = {
            "id": session_id,
            "reference": request.reference,
            "amount": str(request.amount),
            "frequency": request.frequency,
            "description": request.description,
            "success_url": request.success_url,
            "cancel_url": request.cancel_url,
        }
        token = signing.dumps(session, salt=TOKEN_SALT, compress=True)
        return CheckoutSession(session_id, reverse("donations:sandbox_checkout", args=[token]))

    def expire_checkout(self, session_id: str) -> None:
        self.deliver(
            self.event(
                f"evt_sandbox_expired_{session_id}",
                "checkout.session.expired",
                {"id": session_id, "object": "checkout.session", "status": "expired"},
            )
        )

    # What the "hosted page" does when the donor pays.

    @staticmethod
    def read_session(token: str) -> dict:
        """The session behind a checkout URL; raises signing.BadSignature (or SignatureExpired) if tampered."""
        return signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)

    def pay(self, session: dict):
        monthly = session["frequency"] == "monthly"
        obj = {
            "id": session["id"],
            "object": "checkout.session",
            "client_reference_id": session["reference"],
            "metadata": {"donation_reference": session["reference"]},
            "mode": "subscription" if monthly else "payment",
            "payment_status": "paid",
            "status": "complete",
            "amount_total": to_pence(session["amount"]),
            "currency": "gbp",
            "payment_intent": None if monthly else f"pi_sandbox_{session['id'][11:]}",
            "subscription": f"sub_sandbox_{session['id'][11:]}" if monthly else None,
        }
        # One event id per session: paying twice delivers the same event, which is processed once.
        return self.deliver(self.event(f"evt_sandbox_completed_{session['id']}", "checkout.session.completed", obj))

    def renew(self, subscription_id: str, amount, reference: str, period: str):
        """Imitate next month's payment of a monthly gift (Stripe's invoice.paid)."""
        obj = {
            "id": f"in_sandbox_{subscription_id}_{period}",
            "object": "invoice",
            "billing_reason": "subscription_cycle",
            "status": "paid",
            "amount_paid": to_pence(amount),
            "currency": "gbp",
            "subscription": subscription_id,
            "subscription_details": {"metadata": {"donation_reference": reference}},
            "payment_intent": f"pi_sandbox_{subscription_id}_{period}",
        }
        return self.deliver(self.event(f"evt_sandbox_invoice_{subscription_id}_{period}", "invoice.paid", obj))

    @staticmethod
    def event(event_id: str, event_type: str, obj: dict) -> dict:
        return {
            "id": event_id,
            "object": "event",
            "type": event_type,
            "created": int(time.time()),
            "livemode": False,
            "data": {"object": obj},
        }

    def signed(self, event: dict, timestamp: int | None = None) -> tuple[bytes, str]:
        body = json.dumps(event).encode()
        return body, sign(body, self.webhook_secret, timestamp)

    def deliver(self, event: dict):
        """Send the signed event through the same door a real webhook comes in by."""
        if _webhook_door is None:
            raise RuntimeError("No webhook handler: the donations service connects one when it is imported")
        body, signature = self.signed(event)
        return _webhook_door(self, body, signature)
