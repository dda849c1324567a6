from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "cancerinfo.donations"
    label = "donations"
    verbose_name = "Donations"

    def ready(self):
        from . import checks, views  # noqa: F401  (views fill the donation page's route table)
