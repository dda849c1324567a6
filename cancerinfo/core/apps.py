from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cancerinfo.core"
    label = "core"
    verbose_name = "Site"

    def ready(self):
        from . import signals, throttle  # noqa: F401
