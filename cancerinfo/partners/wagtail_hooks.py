"""API keys in the Wagtail admin (Settings -> API keys), for people with the partners' model permissions: the
Administrators group (migration 0002) and superusers."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import PartnerKey

register_permission_policy(PartnerKey, admin_views.permission_policy, exact_class=True)


class PartnerKeyViewSet(ModelViewSet):
    model = PartnerKey
    icon = "key"
    menu_label = "API keys"
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["organisation", "prefix", "status", "created_at"]
    search_fields = ["organisation", "contact_email", "prefix"]
    form_fields = ["organisation", "contact_email", "per_minute", "per_day", "notes"]
    add_view_class = admin_views.CreateKeyView
    edit_view_class = admin_views.EditKeyView

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/created/", admin_views.created, name="created"),
            path("<int:pk>/revoke/", admin_views.revoke, name="revoke"),
        ]


@hooks.register("register_admin_viewset")
def register_partner_key_viewset():
    return PartnerKeyViewSet("partner_keys")
