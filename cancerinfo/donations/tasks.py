"""Donations' scheduled jobs: retention of donors' personal data, and the monthly Gift Aid claim."""

import datetime

from django.utils import timezone

from cancerinfo.jobs.registry import job
from cancerinfo.jobs.schedules import daily, monthly


@job(schedule=daily(at="02:15"), description="Remove donors' personal data past its retention period")
def purge_donation_personal_data() -> dict:
    """Purge donors' expired personal data"""
    from .retention import purge

    report = purge()
    return {
        "donations_cleared": report.donations_cleared,
        "declarations_removed": report.declarations_removed,
        "claim_files_cleared": report.claim_files_cleared,
    }


@job(
    schedule=monthly(day=1, at="05:00"),
    description="Prepare last month's Gift Aid claim for the finance team (Donations: Gift Aid claims)",
)
def prepare_gift_aid_claim() -> dict:
    """Prepare the Gift Aid claim"""
    from .claims import create_claim

    first_of_this_month = timezone.localdate().replace(day=1)
    date_to = first_of_this_month - datetime.timedelta(days=1)
    date_from = date_to.replace(day=1)
    # Donations already claimed are never claimed again, so a second run finds nothing to add.
    claim = create_claim(date_from, date_to)
    if claim is None:
        return {"from": str(date_from), "to": str(date_to), "claim": None}
    return {"from": str(date_from), "to": str(date_to), "claim": claim.pk, "donations": claim.donation_count}
