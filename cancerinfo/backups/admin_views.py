"""Reports → Backups: the last successful backup and restore drill, and every recent run, for administrators."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from . import services
from .models import BackupRun

PERMISSION = "backups.view_backuprun"
ADMINISTRATORS = "Administrators"
RECENT = 30


def can_see(user) -> bool:
    return user.has_perm(PERMISSION)


def backup_report(request):
    if not can_see(request.user):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "backups/admin/report.html",
        {
            "status": services.status(),
            "runs": BackupRun.objects.all()[:RECENT],
            "backup_dir": services.backup_dir(),
            "page_title": "Backups",
            "header_icon": "download",
        },
    )
