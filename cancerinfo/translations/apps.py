from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "cancerinfo.translations"
    label = "translations"
    verbose_name = "Translations"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import locales, signals

        signals.connect()
        locales.install()
