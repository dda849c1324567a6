"""Reports → Background jobs: each job's schedule, last run, outcome and recent failures; waiting e-mails."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from cancerinfo.deployment.redaction import redact

from . import worker
from .models import OutgoingEmail, ScheduledJob
from .registry import JOBS, scheduled_jobs

PERMISSION = "jobs.view_job_status"
FAILURE_DAYS = 7


def _require(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def _error_line(result) -> str:
    """The exception's last line, e.g. "ConnectionRefusedError: [Errno 111] Connection refused", without e-mail
    addresses (a refused recipient names one)."""
    lines = [line for line in (result.traceback or "").strip().splitlines() if line.strip()]
    return redact(lines[-1][:300]) if lines else result.exception_class_path


def _title(path: str) -> str:
    info = JOBS.get(path)
    return info.title if info else path.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def job_status(request):
    from django_tasks_db.models import DBTaskResult

    _require(request)
    now = timezone.now()
    rows = {row.name: row for row in ScheduledJob.objects.all()}
    schedule = []
    for info in scheduled_jobs():
        results = DBTaskResult.objects.filter(task_path=info.path)
        last = results.exclude(status__in=["READY", "RUNNING"]).order_by("-finished_at").first()
        schedule.append(
            {
                "info": info,
                "next_run_at": rows[info.path].next_run_at if info.path in rows else None,
                "last": last,
                "last_error": _error_line(last) if last and last.status == "FAILED" else "",
                "running": results.filter(status="RUNNING").exists(),
                "waiting": results.filter(status="READY").count(),
            }
        )
    since = now - datetime.timedelta(days=FAILURE_DAYS)
    failures = [
        {
            "result": result,
            "title": _title(result.task_path),
            "error": _error_line(result),
            "attempt": _attempt(result),
            "traceback": redact(result.traceback or ""),
        }
        for result in DBTaskResult.objects.failed().filter(finished_at__gte=since).order_by("-finished_at")[:50]
    ]
    context = {
        "page_title": "Background jobs",
        "header_icon": "cogs",
        "schedule": schedule,
        "failures": failures,
        "failure_days": FAILURE_DAYS,
        "waiting": DBTaskResult.objects.ready().count(),
        "deferred": DBTaskResult.objects.filter(status="READY", run_after__gt=now)
        .exclude(run_after__year=9999)
        .count(),
        "running": DBTaskResult.objects.running().count(),
        "workers": list(worker.live_worker_ids(now)),
        "emails_waiting": OutgoingEmail.objects.filter(
            status__in=[OutgoingEmail.QUEUED, OutgoingEmail.SENDING]
        ).count(),
        "emails_failed": OutgoingEmail.objects.filter(status=OutgoingEmail.FAILED, created_at__gte=since).count(),
        "show_tracebacks": request.user.is_superuser,
    }
    return TemplateResponse(request, "jobs/admin/job_status.html", context)


def _attempt(result) -> str:
    """Which attempt failed, and whether it was tried again (a later attempt was queued) or given up."""
    from django_tasks_db.models import DBTaskResult

    args_kwargs = result.args_kwargs or {}
    kwargs = args_kwargs.get("kwargs", {})
    attempt = int(kwargs.get("_attempt", 1))
    retried = DBTaskResult.objects.filter(
        task_path=result.task_path,
        args_kwargs={"args": args_kwargs.get("args", []), "kwargs": {**kwargs, "_attempt": attempt + 1}},
    ).exists()
    return f"Attempt {attempt}: {'tried again' if retried else 'gave up'}"


@require_POST
def run_now(request, name: str):
    _require(request)
    if name not in JOBS or JOBS[name].schedule is None:
        raise Http404("No such scheduled job")
    worker.run_now(name)
    messages.success(request, f"“{JOBS[name].title}” is queued: a worker starts it within seconds.")
    return HttpResponseRedirect(reverse("jobs_admin:job_status"))
