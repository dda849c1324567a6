from django.core.management.base import BaseCommand

from cancerinfo.donations.retention import purge


class Command(BaseCommand):
    help = (
        "Remove donors' personal data past its retention period: email and other details after "
        "DONATIONS_PERSONAL_DATA_RETENTION_DAYS; Gift Aid declarations and claim files 6 years after the last "
        "donation they cover. Safe to run again (daily is fine)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be removed; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        report = purge(dry_run=dry_run)
        verb = "Would clear" if dry_run else "Cleared"
        self.stdout.write(
            f"{verb} personal data from {report.donations_cleared} donation(s); "
            f"{'would remove' if dry_run else 'removed'} {report.declarations_removed} Gift Aid declaration(s); "
            f"{verb.lower()} {report.claim_files_cleared} old claim file(s)."
        )
