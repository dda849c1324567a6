from django.apps import AppConfig


class PrescriptionsConfig(AppConfig):
    name = "cancerinfo.prescriptions"
    label = "prescriptions"
    verbose_name = "Health professionals and information prescriptions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cancerinfo.versions.models import add_professionals_area_route

        from . import views

        # The builder and the professionals' sign-in live in the Health professionals area.
        add_professionals_area_route("prescription/", views.builder, "builder")
        add_professionals_area_route("prescription/created/", views.created, "created")
        add_professionals_area_route("sign-in/", views.sign_in, "sign_in")
        add_professionals_area_route("sign-in/confirm/", views.sign_in_confirm, "sign_in_confirm")
        add_professionals_area_route("sign-out/", views.sign_out, "sign_out")
