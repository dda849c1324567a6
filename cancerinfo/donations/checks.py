"""System checks: a live site must not take donations through the sandbox, nor through Stripe without its keys.

With production settings (PRODUCTION = True) the sandbox is an error: the site refuses to start."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def payment_provider_configured(app_configs, **kwargs):
    provider = getattr(settings, "DONATIONS_PROVIDER", "sandbox")
    messages = []
    if provider not in ("sandbox", "stripe"):
        messages.append(checks.Error("DONATIONS_PROVIDER must be 'sandbox' or 'stripe'.", id="donations.E001"))
    if provider == "stripe":
        for name in ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"):
            if not getattr(settings, name, ""):
                messages.append(
                    checks.Error(f"{name} must be set when DONATIONS_PROVIDER is 'stripe'.", id="donations.E002")
                )
    if provider == "sandbox" and getattr(settings, "PRODUCTION", False):
        # A live site must never take pretend payments (and claim Gift Aid on them): refuse to start.
        messages.append(
            checks.Error(
                "DONATIONS_PROVIDER is 'sandbox': donations would be confirmed without any money being taken.",
                hint="Set DONATIONS_PROVIDER=stripe with STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.",
                id="donations.E003",
                obj="settings.DONATIONS_PROVIDER",
            )
        )
    elif provider == "sandbox" and not settings.DEBUG:
        messages.append(
            checks.Warning(
                "Donations use the sandbox payment provider: no real money is taken.",
                hint="Set DONATIONS_PROVIDER=stripe with STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET on a live site.",
                id="donations.W001",
                obj="settings.DONATIONS_PROVIDER",
            )
        )
    return messages
