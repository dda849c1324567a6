from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "cancerinfo.questions"
    label = "questions"
    verbose_name = "CancerQs (questions and answers)"

    def ready(self):
        from .boxes import register_boxes

        register_boxes()  # the boxes this app offers to other pages (core/boxes.py)

        from . import signals, views  # noqa: F401  (views fill the pages' route tables)
