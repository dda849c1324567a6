"""Contact details of revoked keys are deleted PARTNER_CONTACT_RETENTION_DAYS after the revocation; the key's row
(organisation, prefix, dates) and its daily counts stay, so the usage history still adds up."""

import datetime

from django.conf import settings
from django.utils import timezone

from .models import PartnerKey

REMOVED = "removed@invalid"  # the contact e-mail field is required; this says plainly that it was deleted


def purge_contacts() -> int:
    cutoff = timezone.now() - datetime.timedelta(days=settings.PARTNER_CONTACT_RETENTION_DAYS)
    stale = PartnerKey.objects.filter(revoked_at__lt=cutoff).exclude(contact_email=REMOVED, notes="")
    return stale.update(contact_email=REMOVED, notes="")
