"""Trial alerts' jobs: the alerts, sent by the worker after each import (signals.py), and retention."""

from cancerinfo.jobs.registry import job
from cancerinfo.jobs.schedules import daily


@job(retries=3, backoff=60, description="E-mail people whose trial alert matches a trial that has opened near them")
def send_trial_alerts() -> dict:
    """Send clinical trial alerts"""
    from .services import send_alerts

    return send_alerts().as_dict()


@job(schedule=daily(at="03:20"), description="Delete trial alerts never confirmed, and those past their time")
def purge_trial_alerts() -> dict:
    """Purge expired trial alerts"""
    from .services import purge_expired

    return purge_expired()
