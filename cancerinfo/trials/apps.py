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
        from .holes import register_holes
        from .signals import connect

        connect()  # the finder's table of trials is loaded again after any change to them (finder_table.py)
        register_holes()  # the finder's form and results: per request, in its kept page (delivery/rendering.py)
