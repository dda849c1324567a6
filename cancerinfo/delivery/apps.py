from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    """How pages reach readers: caches, kept renderings, purge on publish, headers, outage handling, throttling."""

    name = "cancerinfo.delivery"
    label = "delivery"
    verbose_name = "Delivery"

    def ready(self):
        from . import restrictions, signals, throttle  # noqa: F401

        restrictions.install()

        from .rendering import editor_bar, register_hole

        register_hole("userbar", editor_bar)  # editors' own links on the page; empty for readers
