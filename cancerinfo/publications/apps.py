from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "cancerinfo.publications"
    label = "publications"
    verbose_name = "Printed publications"

    def ready(self):
        from .personal_data import register_personal_data

        register_personal_data()  # for the privacy notice (core/personal_data.py)

        from .boxes import register_boxes

        register_boxes()  # the boxes this app offers to other pages (core/boxes.py)

        from . import signals, views  # noqa: F401  (views fill the catalogue page's route table)
