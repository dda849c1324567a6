"""What every payment provider offers: a hosted checkout page to send donors to, and signed webhooks back.

Events use Stripe's shape ({"id", "type", "created", "data": {"object": {...}}}); the sandbox sends the same,
so one piece of code (services.handle_webhook) acts on them whichever provider is configured.
"""

import json
from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal

from .signing import SignatureError, signature_digest, verify


class ProviderError(Exception):
    """The provider could not be reached or refused the request; the message is safe to log, not to show."""


class WebhookError(Exception):
    """A webhook delivery we must refuse (bad signature, too old, not JSON...)."""


@dataclass(frozen=True)
class CheckoutRequest:
    reference: str
    amount: Decimal
    frequency: str  # "one_off" or "monthly"
    email: str
    description: str
    success_url: str
    cancel_url: str


@dataclass(frozen=True)
class CheckoutSession:
    id: str
    url: str


@dataclass(frozen=True)
class WebhookEvent:
    id: str
    type: str
    created: int
    object: dict
    signature_digest: str


class PaymentProvider(ABC):
    name: str = ""
    signature_header: str = "Stripe-Signature"

    def __init__(self, webhook_secret: str, tolerance: int = 300):
        self.webhook_secret = webhook_secret or ""
        self.tolerance = tolerance

    @abstractmethod
    def create_checkout(self, request: CheckoutRequest) -> CheckoutSession:
        """Open a hosted checkout page for this donation; raise ProviderError if that fails."""

    def expire_checkout(self, session_id: str) -> None:  # noqa: B027 - optional for providers
        """Close a checkout page the donor walked away from, so it cannot be paid later. Optional."""

    def parse_webhook(self, body: bytes, signature: str | None, now: float | None = None) -> WebhookEvent:
        try:
            verify(body, signature or "", self.webhook_secret, tolerance=self.tolerance, now=now)
        except SignatureError as exc:
            raise WebhookError(str(exc)) from exc
        try:
            data = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise WebhookError("The event is not JSON.") from exc
        if not isinstance(data, dict):
            raise WebhookError("The event is not a JSON object.")
        event_id, event_type = data.get("id"), data.get("type")
        obj = (data.get("data") or {}).get("object") if isinstance(data.get("data"), dict) else None
        if not isinstance(event_id, str) or not event_id or len(event_id) > 255:
            raise WebhookError("The event has no id.")
        if not isinstance(event_type, str) or not event_type:
            raise WebhookError("The event has no type.")
        if not isinstance(obj, dict):
            raise WebhookError("The event has no data object.")
        created = data.get("created") if isinstance(data.get("created"), int) else 0
        return WebhookEvent(event_id, event_type, created, obj, signature_digest(signature or ""))
