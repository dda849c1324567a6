from django.apps import AppConfig


class VersionsConfig(AppConfig):
    name = "cancerinfo.versions"
    label = "versions"
    verbose_name = "Versions of content"

    def ready(self):
        from .boxes import register_boxes

        register_boxes()  # the switch under a booklet's heading (core/boxes.py)
