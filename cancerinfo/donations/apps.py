from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "cancerinfo.donations"
    label = "donations"
    verbose_name = "Donations"

    def ready(self):
        from . import checks  # noqa: F401
