from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "cancerinfo.enquiries"
    label = "enquiries"
    verbose_name = "Enquiries"

    def ready(self):
        from .personal_data import register_personal_data

        register_personal_data()  # for the privacy notice (core/personal_data.py)

        from . import views  # noqa: F401  (views fill the page's route table)
