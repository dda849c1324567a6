from django.apps import AppConfig


class DonationsConfig(AppConfig):
    name = "cancerinfo.donations"
    label = "donations"
    verbose_name = "Donations"

    def ready(self):
        from .personal_data import register_personal_data

        register_personal_data()  # for the privacy notice (core/personal_data.py)

        from cancerinfo.core.outputs import Output, register_output

        # The receipt carries the service's name, helpline and charity (core/outputs.py).
        register_output(
            Output(
                "donations.receipt", "The receipt e-mailed when a donation is confirmed", "donations/email/receipt.txt"
            )
        )

        from . import checks, views  # noqa: F401  (views fill the donation page's route table)
