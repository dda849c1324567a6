from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "cancerinfo.backups"
    label = "backups"
    verbose_name = "Backups"

    def ready(self):
        from . import system_checks  # noqa: F401
