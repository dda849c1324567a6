from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "cancerinfo.enquiries"
    label = "enquiries"
    verbose_name = "Enquiries"
