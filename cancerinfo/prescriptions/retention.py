"""How long a prescription is kept. Its link works for PRESCRIPTION_LIFETIME_DAYS (or until it is withdrawn); then,
for PRESCRIPTION_RETENTION_DAYS more, the link says "expired, ask for a new one" rather than "we cannot find it";
then the prescription, with its note, its author's name and job title and its PDF, is deleted."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .models import Prescription


def purge_due(now: datetime.datetime | None = None):
    """Prescriptions whose link stopped working (expired or withdrawn) more than the retention period ago."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.PRESCRIPTION_RETENTION_DAYS)
    return Prescription.objects.filter(Q(expires_at__lte=cutoff) | Q(revoked_at__lte=cutoff))


def purge_expired(now: datetime.datetime | None = None) -> int:
    """Delete them, one transaction each; a stored PDF goes once its prescription's deletion is committed."""
    deleted = 0
    for prescription in purge_due(now).only("pk", "pdf").iterator(chunk_size=500):
        with transaction.atomic():
            pdf_name, storage = prescription.pdf.name, prescription.pdf.storage
            if Prescription.objects.filter(pk=prescription.pk).delete()[0]:
                deleted += 1
                if pdf_name:
                    transaction.on_commit(lambda name=pdf_name, storage=storage: storage.delete(name))
    return deleted
