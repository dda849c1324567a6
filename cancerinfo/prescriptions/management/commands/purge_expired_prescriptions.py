from django.conf import settings
from django.core.management.base import BaseCommand

from cancerinfo.prescriptions.models import Prescription
from cancerinfo.prescriptions.retention import purge_expired


class Command(BaseCommand):
    help = (
        "Delete information prescriptions (with their notes and PDFs) whose link stopped working, by expiring or "
        "being withdrawn, more than PRESCRIPTION_RETENTION_DAYS ago. Safe to run again (the worker runs it nightly)."
    )

    def handle(self, *args, **options):
        deleted = purge_expired()
        kept = Prescription.objects.count()
        days = settings.PRESCRIPTION_RETENTION_DAYS
        self.stdout.write(
            self.style.SUCCESS(
                f"Deleted {deleted} prescription(s) that stopped working more than {days} days ago; {kept} kept."
            )
        )
