from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "cancerinfo.glossary"
    label = "glossary"
    verbose_name = "Glossary"

    def ready(self):
        from . import signals, views  # noqa: F401  (views fill the glossary page's route table)
