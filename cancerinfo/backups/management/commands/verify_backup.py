from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cancerinfo.backups import services
from cancerinfo.backups.encryption import BackupCorrupt, BackupKeyError
from cancerinfo.backups.keys import EnquiryKeyError


def archive_argument(value: str | None) -> Path:
    if value:
        return Path(value)
    found = services.archives()
    if not found:
        raise CommandError(f"There are no backups in {services.backup_dir()} (BACKUP_DIR).")
    return found[-1]


def add_archive_argument(parser) -> None:
    parser.add_argument("archive", nargs="?", help="A .backup file (default: the newest in BACKUP_DIR).")


class Command(BaseCommand):
    help = (
        "Check a backup without restoring it: its checksum, the backup key, every part, and that the enquiry keys "
        "configured here read its enquiries. The newest backup in BACKUP_DIR unless you name one."
    )

    def add_arguments(self, parser):
        add_archive_argument(parser)

    def handle(self, *args, **options):
        path = archive_argument(options["archive"])
        try:
            manifest = services.verify(path)
        except (BackupKeyError, EnquiryKeyError, BackupCorrupt, OSError) as exc:
            raise CommandError(f"{path.name} cannot be restored: {exc}") from exc
        files = manifest["files"]
        media = sum(1 for name in files if name.startswith("media/"))
        self.stdout.write(
            f"{path.name}: made {manifest['created_at']}, {manifest['engine']} database, {media} media files, "
            f"{len(manifest['counts'])} tables, {len(manifest['pages'])} pages fingerprinted."
        )
        self.stdout.write(
            f"Needs BACKUP_ENCRYPTION_KEY {manifest['keys']['backup_key']} and ENQUIRY_ENCRYPTION_KEY "
            f"{', '.join(manifest['keys']['enquiry_key_fingerprints'])}: both present and right."
        )
        self.stdout.write(self.style.SUCCESS("The backup is complete and can be restored with the keys here."))
