from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "cancerinfo.organisations"
    label = "organisations"
    verbose_name = "Resources and support"

    def ready(self):
        from .boxes import register_boxes

        register_boxes()  # the boxes this app offers to other pages (core/boxes.py)

        from . import signals, views  # noqa: F401  (views fill the directory page's table)
