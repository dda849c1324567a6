from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "cancerinfo.backups"
    label = "backups"
    verbose_name = "Backups"

    def ready(self):
        from .personal_data import register_personal_data

        register_personal_data()  # for the privacy notice (core/personal_data.py)

        from . import system_checks  # noqa: F401
