from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    """Signed webhooks that tell partners when a page they copy changes (docs/decisions/content-api.md)."""

    name = "cancerinfo.api.webhooks"
    label = "webhooks"
    verbose_name = "Partner webhooks"

    def ready(self):
        from . import signals

        signals.connect()
