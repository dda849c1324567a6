from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "cancerinfo.enquiries"
    label = "enquiries"
    verbose_name = "Enquiries"

    def ready(self):
        from . import views  # noqa: F401  (views fill the page's route table)
