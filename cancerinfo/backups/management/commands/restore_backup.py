from django.core.management.base import BaseCommand, CommandError

from cancerinfo.backups import services
from cancerinfo.backups.database import DatabaseProblem
from cancerinfo.backups.encryption import BackupCorrupt, BackupKeyError
from cancerinfo.backups.keys import EnquiryKeyError

from .verify_backup import add_archive_argument, archive_argument


class Command(BaseCommand):
    help = (
        "Restore a backup into the empty database DATABASE_URL points at, and put its media files back. Refuses, "
        "having changed nothing, if BACKUP_ENCRYPTION_KEY or ENQUIRY_ENCRYPTION_KEY is missing or wrong, the file "
        "is damaged, or the database is not empty. Follow the runbook in docs/deployment.md."
    )

    def add_arguments(self, parser):
        add_archive_argument(parser)

    def handle(self, *args, **options):
        path = archive_argument(options["archive"])
        try:
            services.restore(path, stdout=self.stdout)
        except (BackupKeyError, EnquiryKeyError, BackupCorrupt) as exc:
            raise CommandError(f"Restore refused, nothing was changed: {exc}") from exc
        except DatabaseProblem as exc:
            raise CommandError(f"Restore failed: {exc}") from exc
        except services.RestoreProblem as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Restored {path.name}. Next: manage.py migrate, then start the app (runbook step 6).")
        )
