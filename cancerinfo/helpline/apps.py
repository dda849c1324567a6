from django.apps import AppConfig


class HelplineConfig(AppConfig):
    name = "cancerinfo.helpline"
    label = "helpline"
    verbose_name = "Helpline"

    def ready(self):
        from . import signals  # noqa: F401
