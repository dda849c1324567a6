from django.apps import AppConfig


class VersionsConfig(AppConfig):
    name = "cancerinfo.versions"
    label = "versions"
    verbose_name = "Versions of content"
