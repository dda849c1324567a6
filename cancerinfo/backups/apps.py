from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "cancerinfo.backups"
    label = "backups"
    verbose_name = "Backups"
