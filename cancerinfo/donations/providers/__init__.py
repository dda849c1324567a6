"""The payment provider behind one client module: get_provider() returns the one configured by DONATIONS_PROVIDER."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import CheckoutRequest, CheckoutSession, PaymentProvider, ProviderError, WebhookError, WebhookEvent

__all__ = [
    "CheckoutRequest",
    "CheckoutSession",
    "PaymentProvider",
    "ProviderError",
    "WebhookError",
    "WebhookEvent",
    "get_provider",
]


def get_provider(name: str | None = None) -> PaymentProvider:
    name = name or getattr(settings, "DONATIONS_PROVIDER", "sandbox")
    tolerance = getattr(settings, "DONATIONS_WEBHOOK_TOLERANCE_SECONDS", 300)
    if name == "sandbox":
        from .sandbox import SandboxProvider

        return SandboxProvider(tolerance=tolerance)
    if name == "stripe":
        from .stripe import StripeProvider

        return StripeProvider(
            secret_key=settings.STRIPE_SECRET_KEY or "",
            webhook_secret=settings.STRIPE_WEBHOOK_SECRET or "",
            api_base=getattr(settings, "STRIPE_API_BASE", "https://api.stripe.com"),
            tolerance=tolerance,
        )
    raise ImproperlyConfigured(f"DONATIONS_PROVIDER must be 'sandbox' or 'stripe', not {name!r}")
