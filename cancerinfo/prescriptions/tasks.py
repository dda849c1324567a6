"""Prescriptions' scheduled job: deleting prescriptions past their retention (retention.py)."""

from cancerinfo.jobs.registry import job
from cancerinfo.jobs.schedules import daily


@job(schedule=daily(at="02:45"), description="Delete information prescriptions whose link stopped working long ago")
def purge_expired_prescriptions() -> int:
    """Purge expired prescriptions"""
    from .retention import purge_expired

    return purge_expired()
