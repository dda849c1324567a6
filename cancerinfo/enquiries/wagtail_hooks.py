from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import services


class NurseMenuItem(MenuItem):
    def is_shown(self, request):
        return services.is_nurse(request.user)


@hooks.register("register_admin_menu_item")
def register_nurse_inbox_menu_item():
    return NurseMenuItem("Nurse inbox", reverse("enquiries_admin:inbox"), icon_name="mail", order=150)
