from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "cancerinfo.questions"
    label = "questions"
    verbose_name = "CancerQs (questions and answers)"

    def ready(self):
        from . import signals  # noqa: F401
