from django.apps import AppConfig


class TrialsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cancerinfo.trials"
    label = "trials"
    verbose_name = "Clinical trials"

    def ready(self):
        from .boxes import register_boxes

        register_boxes()  # the boxes this app offers to other pages (core/boxes.py)

        from . import views  # noqa: F401  (views fill the page's route table)
