from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "cancerinfo.glossary"
    label = "glossary"
    verbose_name = "Glossary"

    def ready(self):
        from . import signals  # noqa: F401
