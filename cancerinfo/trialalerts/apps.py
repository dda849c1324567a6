from django.apps import AppConfig


class TrialAlertsConfig(AppConfig):
    name = "cancerinfo.trialalerts"
    label = "trialalerts"
    verbose_name = "Clinical trial alerts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cancerinfo.core.outputs import PUBLIC, Output, register_output

        from . import signals
        from .personal_data import register_personal_data

        register_personal_data()  # for the privacy notice (core/personal_data.py)
        signals.connect()  # after each trials import, the worker sends the alerts (tasks.py)

        # What this app e-mails carries the service's name, helpline and charity (core/outputs.py).
        for key, what, template in [
            ("confirm", "Confirm your clinical trial alert", "confirm.txt"),
            ("alert", "A new clinical trial near you", "alert.txt"),
        ]:
            register_output(Output(f"trialalerts.{key}", what, f"trialalerts/email/{template}", PUBLIC))
