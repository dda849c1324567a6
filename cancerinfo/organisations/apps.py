from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "cancerinfo.organisations"
    label = "organisations"
    verbose_name = "Resources and support"

    def ready(self):
        from . import signals  # noqa: F401
