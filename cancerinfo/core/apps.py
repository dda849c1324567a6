from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cancerinfo.core"
    label = "core"
    verbose_name = "Site"
