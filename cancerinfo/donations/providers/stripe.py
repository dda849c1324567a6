"""Stripe Checkout over plain HTTP (urllib): the two endpoints we use, and Stripe's webhook signatures.

POST /v1/checkout/sessions            open a hosted checkout page (mode "payment", or "subscription" for monthly)
POST /v1/checkout/sessions/{id}/expire close a page the donor walked away from
"""

import json
import logging
import urllib.error
import urllib.parse
import urllib.request

from ..amounts import to_pence
from .base import CheckoutRequest, CheckoutSession, PaymentProvider, ProviderError

logger = logging.getLogger(__name__)


class StripeProvider(PaymentProvider):
    name = "stripe"
    signature_header = "Stripe-Signature"

    def __init__(
        self,
        secret_key: str,
        webhook_secret: str,
        api_base: str = "https://api.stripe.com",
        timeout: float = 10,
        tolerance: int = 300,
    ):
        super().__init__(webhook_secret, tolerance)
        if urllib.parse.urlsplit(api_base).scheme not in ("https", "http"):
            raise ValueError("STRIPE_API_BASE must be an http(s) URL")
        self.secret_key = secret_key
        self.api_base = api_base.rstrip("/")
        self.timeout = timeout

    def _post(self, path: str, fields: list[tuple[str, str]], idempotency_key: str | None = None) -> dict:
        if not self.secret_key:
            raise ProviderError("STRIPE_SECRET_KEY is not set.")
        headers = {
            "Authorization": f"Bearer {self.secret_key}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        request = urllib.request.Request(  # noqa: S310 - scheme checked in __init__
            self.api_base + path, data=urllib.parse.urlencode(fields).encode(), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                body = response.read()
        except urllib.error.HTTPError as exc:
            raise ProviderError(f"Stripe refused {path}: HTTP {exc.code} {_error_message(exc)}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise ProviderError(f"Could not reach Stripe: {exc}") from exc
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise ProviderError(f"Stripe sent something that is not JSON for {path}") from exc
        if not isinstance(data, dict):
            raise ProviderError(f"Stripe sent an unexpected answer for {path}")
        return data

    def create_checkout(self, request: CheckoutRequest) -> CheckoutSession:
        monthly = request.frequency == "monthly"
        fields = [
            ("mode", "subscription" if monthly else "payment"),
            ("success_url", request.success_url),
            ("cancel_url", request.cancel_url),
            ("client_reference_id", request.reference),
            ("metadata[donation_reference]", request.reference),
            ("line_items[0][quantity]", "1"),
            ("line_items[0][price_data][currency]", "gbp"),
            ("line_items[0][price_data][unit_amount]", str(to_pence(request.amount))),
            ("line_items[0][price_data][product_data][name]", request.description),
        ]
        if request.email:
            fields.append(("customer_email", request.email))
        if monthly:
            fields += [
                ("line_items[0][price_data][recurring][interval]", "month"),
                ("subscription_data[metadata][donation_reference]", request.reference),
            ]
        else:
            fields += [
                ("submit_type", "donate"),
                ("payment_intent_data[metadata][donation_reference]", request.reference),
            ]
        data = self._post("/v1/checkout/sessions", fields, idempotency_key=f"checkout-{request.reference}")
        session_id, url = data.get("id"), data.get("url")
        if not isinstance(session_id, str) or not isinstance(url, str) or not url.startswith(("https://", "http://")):
            raise ProviderError("Stripe's checkout session has no id or URL.")
        return CheckoutSession(session_id, url)

    def expire_checkout(self, session_id: str) -> None:
        self._post(f"/v1/checkout/sessions/{urllib.parse.quote(session_id, safe='')}/expire", [])


def _error_message(exc: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(exc.read()).get("error", {}).get("message", ""))[:300]
    except (ValueError, AttributeError, OSError):
        return ""
