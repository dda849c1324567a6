"""A record of every backup, restore and restore drill, for the admin dashboard and the health check.

Never personal data: only what was done, when, how big, and what went wrong in words an administrator can act on.
"""

from django.db import models
from django.utils import timezone


class BackupRun(models.Model):
    class Kind(models.TextChoices):
        BACKUP = "backup", "Backup"
        RESTORE = "restore", "Restore"
        DRILL = "drill", "Restore drill"

    kind = models.CharField(max_length=10, choices=Kind.choices, db_index=True)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(default=False, db_index=True)
    archive = models.CharField(max_length=255, blank=True, help_text="The backup file's name.")
    size = models.BigIntegerField(default=0, help_text="Size of the encrypted backup in bytes.")
    sha256 = models.CharField(max_length=64, blank=True)
    detail = models.TextField(blank=True, help_text="What was checked, or what went wrong. Never personal data.")

    class Meta:
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"

    def __str__(self) -> str:
        outcome = "succeeded" if self.succeeded else "failed"
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d %H:%M} {outcome}"
