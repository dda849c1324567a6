from django.apps import AppConfig


class PrescriptionsConfig(AppConfig):
    name = "cancerinfo.prescriptions"
    label = "prescriptions"
    verbose_name = "Health professionals and information prescriptions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cancerinfo.core.outputs import Output, register_output
        from cancerinfo.versions.models import professionals_area_views

        from .personal_data import register_personal_data

        register_personal_data()  # for the privacy notice (core/personal_data.py)

        from . import views

        # What this app prints and e-mails carries the service's name, helpline and charity (core/outputs.py).
        register_output(
            Output("prescriptions.pdf", "An information prescription's PDF", "prescriptions/prescription_pdf.html")
        )
        register_output(
            Output(
                "prescriptions.sign_in_link",
                "A health professional's sign-in link",
                "prescriptions/email/sign_in_link.txt",
            )
        )

        # The builder and the professionals' sign-in live in the Health professionals area.
        professionals_area_views.add_route("prescription/", views.builder, "builder")
        professionals_area_views.add_route("prescription/created/", views.created, "created")
        professionals_area_views.add_route("sign-in/", views.sign_in, "sign_in")
        professionals_area_views.add_route("sign-in/confirm/", views.sign_in_confirm, "sign_in_confirm")
        professionals_area_views.add_route("sign-out/", views.sign_out, "sign_out")
