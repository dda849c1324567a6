from django.apps import AppConfig


class PartnersConfig(AppConfig):
    """Organisations that reuse our content through the API with a key: their keys, allowances and daily usage."""

    name = "cancerinfo.partners"
    label = "partners"
    verbose_name = "API partners"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .personal_data import register_personal_data

        register_personal_data()  # for the privacy notice (core/personal_data.py)

        from . import signals  # noqa: F401
