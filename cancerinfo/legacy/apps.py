from django.apps import AppConfig


class LegacyConfig(AppConfig):
    name = "cancerinfo.legacy"
    label = "legacy"
    verbose_name = "Legacy import"
