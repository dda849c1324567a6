from django.core.management.base import BaseCommand, CommandError

from cancerinfo.backups import drill

from .verify_backup import add_archive_argument, archive_argument


class Command(BaseCommand):
    help = (
        "Restore drill: restore a backup (the newest in BACKUP_DIR unless named) into a fresh scratch database and "
        "media folder, check every fingerprinted page, every enquiry, the row counts and the files, and record the "
        "result for the admin dashboard. The live database and media are not touched. Run it weekly."
    )

    def add_arguments(self, parser):
        add_archive_argument(parser)

    def handle(self, *args, **options):
        path = archive_argument(options["archive"])
        result = drill.run(path, stdout=self.stdout)
        if not result.succeeded:
            raise CommandError(f"Restore drill of {path.name} failed: {result.detail}")
        self.stdout.write(self.style.SUCCESS(f"Restore drill of {path.name} passed: {result.detail}"))
