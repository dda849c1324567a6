from django.core.management.base import BaseCommand

from cancerinfo.trialalerts.services import purge_expired


class Command(BaseCommand):
    help = (
        "Delete trial alerts never confirmed within TRIAL_ALERTS_CONFIRM_DAYS and confirmed ones older than "
        "TRIAL_ALERTS_RETENTION_DAYS. The worker runs this every night; safe to run again."
    )

    def handle(self, *args, **options):
        deleted = purge_expired()
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {deleted['unconfirmed']} unconfirmed and {deleted['expired']} expired trial alert(s)."
            )
        )
