"""What each worker does besides running jobs: say it is alive, rerun the jobs of workers that died, start the
scheduled jobs that are due, and hand out locks."""

import contextlib
import datetime
import logging
import os
import socket

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import JobLock, ScheduledJob, WorkerHeartbeat
from .registry import JOBS, scheduled_jobs

logger = logging.getLogger(__name__)

# Set by run_worker in a worker process; web processes (and the immediate backend) lock under their pid.
current_worker_id: str | None = None


def lock_owner() -> str:
    return current_worker_id or f"process:{socket.gethostname()}:{os.getpid()}"


def beat(worker_id: str, started_at: datetime.datetime) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"hostname": socket.gethostname(), "pid": os.getpid(), "started_at": started_at, "last_seen": now},
    )


def live_worker_ids(now: datetime.datetime | None = None) -> set[str]:
    now = now or timezone.now()
    since = now - datetime.timedelta(seconds=settings.JOBS_WORKER_LOST_SECONDS)
    return set(WorkerHeartbeat.objects.filter(last_seen__gte=since).values_list("worker_id", flat=True))


def recover_lost_jobs(now: datetime.datetime | None = None) -> int:
    """Jobs left running by a worker that stopped saying it is alive (killed, out of memory, machine lost) run again,
    on whichever worker picks them up; one that has stopped JOBS_MAX_WORKER_LOSSES workers is marked failed."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    lost_after = datetime.timedelta(seconds=settings.JOBS_WORKER_LOST_SECONDS)
    live = live_worker_ids(now)
    recovered = 0
    for result in DBTaskResult.objects.running().filter(started_at__lt=now - lost_after):
        if result.worker_ids and result.worker_ids[-1] in live:
            continue
        running = DBTaskResult.objects.filter(pk=result.pk, status="RUNNING", started_at=result.started_at)
        if len(result.worker_ids) >= settings.JOBS_MAX_WORKER_LOSSES:
            message = f"WorkerLost: the worker stopped while running this job, {len(result.worker_ids)} times."
            changed = running.update(
                status="FAILED",
                finished_at=now,
                exception_class_path="cancerinfo.jobs.worker.WorkerLost",
                traceback=message,
            )
            if changed:
                logger.error("Job %s (%s) failed: %s", result.task_path, result.pk, message)
        else:
            changed = running.update(status="READY", started_at=None)
            if changed:
                logger.warning("Job %s (%s) was running on a lost worker: it runs again", result.task_path, result.pk)
        recovered += changed
    # Locks held by workers that are gone can be taken at once.
    gone = WorkerHeartbeat.objects.filter(last_seen__lt=now - lost_after).values_list("worker_id", flat=True)
    JobLock.objects.filter(owner__in=list(gone)).delete()
    WorkerHeartbeat.objects.filter(last_seen__lt=now - datetime.timedelta(days=1)).delete()
    return recovered


class WorkerLost(Exception):
    """Recorded (never raised) for a job whose worker kept stopping while running it."""


def run_due_schedules(now: datetime.datetime | None = None) -> list[str]:
    """Queue each scheduled job that is due, once whatever the number of workers; returns their paths."""
    now = now or timezone.now()
    started = []
    for info in scheduled_jobs():
        row, _created = ScheduledJob.objects.get_or_create(
            name=info.path, defaults={"next_run_at": info.schedule.next_after(now)}
        )
        if row.next_run_at > now:
            continue
        claimed = ScheduledJob.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
            next_run_at=info.schedule.next_after(now), last_enqueued_at=now
        )
        if claimed:
            task_for(info.path).enqueue()
            started.append(info.path)
    return started


def run_now(path: str) -> None:
    """Queue a scheduled job now (the admin's "Run now"); its schedule carries on as before."""
    task_for(path).enqueue()
    ScheduledJob.objects.filter(pk=path).update(last_enqueued_at=timezone.now())


def task_for(path: str):
    from django.utils.module_loading import import_string

    if path not in JOBS:
        raise KeyError(path)
    return import_string(path)


@contextlib.contextmanager
def job_lock(name: str, seconds: int = 1800):
    """Yields True if this process now holds the named lock (until the block ends or `seconds` pass), else False."""
    owner = lock_owner()
    now = timezone.now()
    expires = now + datetime.timedelta(seconds=seconds)
    try:
        with transaction.atomic():
            JobLock.objects.create(name=name, owner=owner, expires_at=expires)
        held = True
    except IntegrityError:
        held = bool(JobLock.objects.filter(name=name, expires_at__lt=now).update(owner=owner, expires_at=expires))
    try:
        yield held
    finally:
        if held:
            JobLock.objects.filter(name=name, owner=owner).delete()


def run_waiting_jobs(worker_id: str = "inline") -> int:
    """Run every job that is due now in this process, then return how many ran (scripts, benchmarks and tests;
    sites run `manage.py run_worker`)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    loop = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    count = 0
    while True:
        with exclusive_transaction(DBTaskResult.objects.db):
            result = DBTaskResult.objects.ready().get_locked()
            if result is not None:
                result.claim(worker_id)
        if result is None:
            return count
        loop.run_task(result)
        count += 1
