"""How long we keep what donors tell us.

- Gift Aid declarations: 6 years (DONATIONS_GIFT_AID_RETENTION_YEARS) after the last donation they cover was paid
  (so at least 6 years after the last claimed donation), as HMRC may ask to see them. Claim files likewise.
- Other personal data (email, the name of someone remembered, how they heard of us) on donations older than
  DONATIONS_PERSONAL_DATA_RETENTION_DAYS, except while a monthly gift is still running.
- Amounts, dates and statuses stay: they are the charity's accounts, not personal data.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from .models import MONTHLY, Donation, GiftAidClaim, GiftAidDeclaration


@dataclass
class PurgeReport:
    donations_cleared: int = 0
    declarations_removed: int = 0
    claim_files_cleared: int = 0


def years_before(moment: datetime.datetime, years: int) -> datetime.datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def _running_monthly_gifts():
    return Donation.objects.filter(
        frequency=MONTHLY, regular_gift__isnull=True, status=Donation.CONFIRMED, subscription_cancelled_at__isnull=True
    )


def purge(now: datetime.datetime | None = None, dry_run: bool = False) -> PurgeReport:
    now = now or timezone.now()
    personal_cutoff = now - datetime.timedelta(days=settings.DONATIONS_PERSONAL_DATA_RETENTION_DAYS)
    gift_aid_cutoff = years_before(now, settings.DONATIONS_GIFT_AID_RETENTION_YEARS)
    running = _running_monthly_gifts()
    report = PurgeReport()
    with transaction.atomic():
        stale = (
            Donation.objects.filter(created_at__lt=personal_cutoff, personal_data_removed_at__isnull=True)
            .exclude(pk__in=running.values("pk"))
            .exclude(regular_gift__in=running.values("pk"))
        )
        expired = (
            GiftAidDeclaration.objects.annotate(
                last_paid=Max("donations__confirmed_at", filter=Q(donations__status=Donation.CONFIRMED)),
                last_claimed=Max("donations__confirmed_at", filter=Q(donations__gift_aid_claim__isnull=False)),
            )
            .filter(declared_at__lt=personal_cutoff)
            .filter(Q(last_paid__isnull=True) | Q(last_paid__lt=gift_aid_cutoff))
            .filter(Q(last_claimed__isnull=True) | Q(last_claimed__lt=gift_aid_cutoff))
            .exclude(donations__in=running)
        )
        old_claims = GiftAidClaim.objects.filter(date_to__lt=gift_aid_cutoff.date()).exclude(schedule_csv="")
        if dry_run:
            return PurgeReport(stale.count(), expired.count(), old_claims.count())
        report.donations_cleared = stale.update(email="", in_memory_of="", heard_about="", personal_data_removed_at=now)
        expired_ids = list(expired.values_list("pk", flat=True))
        report.declarations_removed = len(expired_ids)
        GiftAidDeclaration.objects.filter(pk__in=expired_ids).delete()
        report.claim_files_cleared = old_claims.update(schedule_csv="")
    return report
