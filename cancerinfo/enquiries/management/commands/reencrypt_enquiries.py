from django.core.management.base import BaseCommand
from django.db import transaction

from cancerinfo.enquiries.models import ContactMessage, Enquiry, EnquiryReply


class Command(BaseCommand):
    help = (
        "Re-encrypt every enquiry with the first key in ENQUIRY_ENCRYPTION_KEY and recompute the e-mail lookup "
        "hashes. Run after every change to the key list (see docs/enquiries.md)."
    )

    def handle(self, *args, **options):
        total = 0
        for model in (Enquiry, EnquiryReply, ContactMessage):
            for record in model.objects.iterator():
                with transaction.atomic():
                    record.save()  # fields decrypt with any key and encrypt with the first; hashes are recomputed
                total += 1
        self.stdout.write(f"Re-encrypted {total} record(s).")
