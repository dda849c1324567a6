from django.apps import AppConfig


class PrescriptionsConfig(AppConfig):
    name = "cancerinfo.prescriptions"
    label = "prescriptions"
    verbose_name = "Health professionals and information prescriptions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .boxes import register_boxes

        register_boxes()  # the boxes this app offers to other pages (core/boxes.py)

        from . import views  # noqa: F401  (views fill the health professionals page's route table)
