"""Governance in the Wagtail admin: reports, the reading-age reason form and the What's changed snippet."""

from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cancerinfo.core.readability import READABILITY_PANEL_HOOK

from . import admin_views, panels
from .models import ChangeLogEntry

admin_urlpatterns = [
    path("reviews/", admin_views.review_report, name="review_report"),
    path("readability/", admin_views.readability_report, name="readability_report"),
    path("readability/<int:page_id>/reason/", admin_views.readability_reason, name="readability_reason"),
    path("feedback/", admin_views.feedback_report, name="feedback_report"),
    path("links/", admin_views.link_report, name="link_report"),
]


# What the readability panel shows on every page type that declares core.readability.ReadabilityScored.
hooks.register(READABILITY_PANEL_HOOK, panels.render_readability_panel)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("governance/", include((admin_urlpatterns, "governance_admin")))]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return self.permission is None or request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def reviews_menu_item():
    return MenuItem("Reviews due", reverse("governance_admin:review_report"), icon_name="date", order=710)


@hooks.register("register_reports_menu_item")
def readability_menu_item():
    return MenuItem(
        "Hardest pages to read", reverse("governance_admin:readability_report"), icon_name="glasses", order=711
    )


@hooks.register("register_reports_menu_item")
def feedback_menu_item():
    return PermissionMenuItem(
        "Page feedback",
        reverse("governance_admin:feedback_report"),
        icon_name="comment",
        order=712,
        permission="governance.view_feedback",
    )


@hooks.register("register_reports_menu_item")
def links_menu_item():
    return PermissionMenuItem(
        "Broken links",
        reverse("governance_admin:link_report"),
        icon_name="link",
        order=713,
        permission="governance.view_linkcheck",
    )


class ChangeLogViewSet(SnippetViewSet):
    model = ChangeLogEntry
    icon = "history"
    menu_label = "What's changed"
    list_display = ["booklet", "date", "edition", "summary"]
    list_filter = []
    ordering = ["-date"]


register_snippet(ChangeLogViewSet)


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(
        content_type__app_label="governance",
        codename__in=["view_feedback", "view_linkcheck", "add_readabilityexception", "change_readabilityexception"],
    )
