from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cancerinfo.enquiries.services import purge_expired


class Command(BaseCommand):
    help = (
        "Anonymise closed questions to nurses, and delete contact messages, older than the retention period "
        "(ENQUIRY_RETENTION_DAYS, default 365 days). Safe to run every night; each one is audited."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the retention period, in days.")
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be removed.")

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1.")
        summary = purge_expired(days=days, dry_run=dry_run)
        verb = "Would anonymise" if dry_run else "Anonymised"
        self.stdout.write(
            f"{verb} {summary['anonymised']} closed question(s) and "
            f"{'would delete' if dry_run else 'deleted'} {summary['messages_deleted']} contact message(s) "
            f"from before {summary['cutoff']:%d %B %Y} "
            f"(retention {days if days is not None else settings.ENQUIRY_RETENTION_DAYS} days)."
        )
