from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "cancerinfo.publications"
    label = "publications"
    verbose_name = "Printed publications"

    def ready(self):
        from . import signals  # noqa: F401
