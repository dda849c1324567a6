"""Donations in the Wagtail admin: a menu item and views for the finance team only."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

admin_urlpatterns = [
    path("", admin_views.donation_list, name="list"),
    path("claims/", admin_views.claims, name="claims"),
    path("claims/<int:pk>/download/", admin_views.claim_download, name="claim_download"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("donations/", include((admin_urlpatterns, "donations_admin")))]


class FinanceMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.VIEW_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return FinanceMenuItem("Donations", reverse("donations_admin:list"), icon_name="doc-full", order=700)


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(
        content_type__app_label="donations",
        codename__in=["view_donation", "view_giftaidclaim", "export_giftaidclaim"],
    )
