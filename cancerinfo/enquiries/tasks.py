"""Enquiries' scheduled job: retention of personal data (docs/enquiries.md)."""

from cancerinfo.jobs.registry import job
from cancerinfo.jobs.schedules import daily


@job(schedule=daily(at="02:00"), description="Anonymise closed questions and delete contact messages past retention")
def purge_expired_enquiries() -> dict:
    """Purge expired enquiries"""
    from .services import purge_expired

    summary = purge_expired()
    return {key: str(value) for key, value in summary.items()}
