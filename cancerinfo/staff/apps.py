from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Staff sign-in that holds: lockout after repeated failures, a second factor, who may see which admin view."""

    name = "cancerinfo.staff"
    label = "staff"
    verbose_name = "Staff sign-in"
