from django.apps import AppConfig


class HelplineConfig(AppConfig):
    name = "cancerinfo.helpline"
    label = "helpline"
    verbose_name = "Helpline"

    def ready(self):
        from cancerinfo.core.rendering import register_hole

        from . import signals  # noqa: F401
        from .templatetags.helpline_tags import helpline_status_html

        register_hole("helpline_status", helpline_status_html)  # "Open now" is worked out for each reader
