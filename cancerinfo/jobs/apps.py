from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "cancerinfo.jobs"
    label = "jobs"
    verbose_name = "Background jobs"

    def ready(self):
        from .personal_data import register_personal_data

        register_personal_data()  # for the privacy notice (core/personal_data.py)

        from django.utils.module_loading import autodiscover_modules

        from . import checks  # noqa: F401

        # Each app declares its jobs (and their schedules) in its own tasks.py.
        autodiscover_modules("tasks")
        from . import mail  # noqa: F401  (deliver_email)
