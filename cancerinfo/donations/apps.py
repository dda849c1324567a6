from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "cancerinfo.donations"
    label = "donations"
    verbose_name = "Donations"

    def ready(self):
        from .personal_data import register_personal_data

        register_personal_data()  # for the privacy notice (core/personal_data.py)

        from . import checks, views  # noqa: F401  (views fill the donation page's route table)
