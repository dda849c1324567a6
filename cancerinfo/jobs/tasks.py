"""The queue's own housekeeping, on a schedule."""

import datetime

from django.conf import settings
from django.utils import timezone

from .models import OutgoingEmail
from .registry import job
from .schedules import daily, every


@job(schedule=daily(at="01:40"), description="Forget delivered e-mails and old job results")
def purge_job_history() -> dict:
    """Purge old e-mail records and job results"""
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    emails, _ = OutgoingEmail.objects.filter(
        status__in=[OutgoingEmail.SENT, OutgoingEmail.FAILED],
        created_at__lt=now - datetime.timedelta(days=settings.EMAIL_SENT_RETENTION_DAYS),
    ).delete()
    # Undelivered e-mails keep their text only while they may still be sent.
    OutgoingEmail.objects.filter(status=OutgoingEmail.FAILED).exclude(payload="").update(payload="")
    results, _ = (
        DBTaskResult.objects.finished()
        .filter(finished_at__lt=now - datetime.timedelta(days=settings.JOBS_RESULT_RETENTION_DAYS))
        .delete()
    )
    return {"emails": emails, "results": results}


@job(schedule=every(minutes=5), description="Publish (and unpublish) pages editors scheduled for a date and time")
def publish_scheduled_pages() -> str:
    """Publish scheduled pages"""
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue().strip()[-2000:]
