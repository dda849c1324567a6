from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from . import services
from .models import SavedReply


class NurseMenuItem(MenuItem):
    def is_shown(self, request):
        return services.is_nurse(request.user)


@hooks.register("register_admin_menu_item")
def register_live_chat_menu_item():
    return NurseMenuItem("Live chat", reverse("chat_admin:console"), icon_name="mail", order=151)


# Saved replies are written by editors and clinical reviewers (snippets: the editorial roles), used by nurses.
register_snippet(SavedReply)
