from django.apps import AppConfig


class HelplineConfig(AppConfig):
    name = "cancerinfo.helpline"
    label = "helpline"
    verbose_name = "Helpline"

    def ready(self):
        from cancerinfo.core.outputs import register_hours_source
        from cancerinfo.delivery.rendering import register_hole

        from . import signals  # noqa: F401
        from .services import hours_text, seconds_until_change
        from .templatetags.helpline_tags import helpline_status_html

        # "Open now" is worked out for each reader, and no cache keeps a page showing it past the next change.
        register_hole("helpline_status", helpline_status_html, changes_in=seconds_until_change)
        # Every printed and e-mailed output prints the hours from the same timetable (core/outputs.py).
        register_hours_source(hours_text)
