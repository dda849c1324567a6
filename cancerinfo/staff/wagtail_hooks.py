from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_menu_item")
def two_step_verification_menu_item():
    """Offered to every member of staff; required (by the middleware) for those who can read personal data."""
    return MenuItem("Two-step verification", reverse("staff:setup"), icon_name="lock", order=10000)
