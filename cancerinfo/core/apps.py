from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cancerinfo.core"
    label = "core"
    verbose_name = "Site"

    def ready(self):
        from . import restrictions, signals, throttle  # noqa: F401

        restrictions.install()

        from .rendering import editor_bar, register_hole

        register_hole("userbar", editor_bar)  # editors' own links on the page; empty for readers
