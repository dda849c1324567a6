from django.core.management.base import BaseCommand, CommandError

from cancerinfo.backups import services
from cancerinfo.backups.database import DatabaseProblem
from cancerinfo.backups.encryption import BackupCorrupt, BackupKeyError


class Command(BaseCommand):
    help = (
        "Back up the database and the media into one encrypted file in BACKUP_DIR, read it back to check it, and "
        "delete backups older than BACKUP_RETENTION_DAYS. Run it daily (docs/deployment.md). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-page-check", action="store_true", help="Skip fingerprinting public pages (the drill compares them)."
        )

    def handle(self, *args, **options):
        try:
            run = services.make_backup(check_pages=not options["no_page_check"])
        except (BackupKeyError, BackupCorrupt, DatabaseProblem, OSError) as exc:
            raise CommandError(f"Backup failed: {exc}") from exc
        self.stdout.write(f"{run.archive}: {run.size:,} bytes, SHA-256 {run.sha256}")
        self.stdout.write(run.detail)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {services.backup_dir() / run.archive}."))
