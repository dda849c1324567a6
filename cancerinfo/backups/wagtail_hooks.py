"""Backups in the Wagtail admin: a dashboard panel (a warning when a backup or drill is overdue) and a report,
both for users with the backups.view_backuprun permission: superusers and the Administrators group."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views, services


class BackupPanel(Component):
    name = "backups"
    order = 50
    template_name = "backups/admin/dashboard_panel.html"

    def get_context_data(self, parent_context=None):
        return {"status": services.status(), "report_url": reverse("backups_report")}


@hooks.register("construct_homepage_panels")
def add_backup_panel(request, panels):
    if admin_views.can_see(request.user):
        panels.append(BackupPanel())


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("backups/", admin_views.backup_report, name="backups_report")]


class BackupsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_see(request.user)


@hooks.register("register_reports_menu_item")
def backups_menu_item():
    return BackupsMenuItem("Backups", reverse("backups_report"), icon_name="download", order=795)


@hooks.register("register_permissions")
def register_permissions():
    return Permission.objects.filter(content_type__app_label="backups", codename="view_backuprun")
