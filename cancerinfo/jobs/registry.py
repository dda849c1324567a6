"""Declaring background jobs: `@job` is django-tasks' `@task` plus retries with backoff and an optional schedule.

    @job(retries=5, backoff=30)
    def deliver_email(email_id): ...

    @job(schedule=daily(at="02:30"), description="Anonymise closed questions past their retention period")
    def purge_expired_enquiries(): ...

A failed attempt is recorded as a failed task result (with its error, for the admin) and, while retries are left,
the same job is queued again to run after a delay that doubles each time. Apps declare their jobs in their own
`tasks.py`, which this app imports when Django starts.
"""

import contextvars
import datetime
import functools
import logging
import random
from dataclasses import dataclass

from django.utils import timezone
from django_tasks import task
from django_tasks.base import DEFAULT_TASK_QUEUE_NAME, Task

from .schedules import Schedule

logger = logging.getLogger(__name__)

ATTEMPT_KWARG = "_attempt"


@dataclass(frozen=True)
class JobInfo:
    path: str  # the task's import path, as stored in the queue
    title: str
    retries: int
    backoff: float
    max_backoff: float
    schedule: Schedule | None
    description: str


JOBS: dict[str, JobInfo] = {}  # every declared job by import path
_attempt: contextvars.ContextVar[tuple[int, int]] = contextvars.ContextVar("job_attempt", default=(1, 1))


class PermanentError(Exception):
    """Raise from a job when trying again cannot help (a record that no longer exists, an address refused)."""


def current_attempt() -> tuple[int, int]:
    """(this attempt, the most attempts there will be) for the job running now."""
    return _attempt.get()


def is_final_attempt() -> bool:
    number, most = _attempt.get()
    return number >= most


def retry_delay(attempt: int, backoff: float, max_backoff: float) -> float:
    """Seconds before attempt number `attempt + 1`: doubling from `backoff`, capped, with a little jitter so a
    batch that failed together does not retry in one burst."""
    delay = min(max_backoff, backoff * 2 ** (attempt - 1))
    return delay * random.uniform(0.9, 1.1)


def job(
    function=None,
    *,
    retries: int = 0,
    backoff: float = 30,
    max_backoff: float = 3600,
    schedule: Schedule | None = None,
    description: str = "",
    queue_name: str = DEFAULT_TASK_QUEUE_NAME,
    priority: int = 0,
):
    def decorate(func):
        @functools.wraps(func)
        def run(*args, **kwargs):
            attempt = int(kwargs.pop(ATTEMPT_KWARG, 1))
            token = _attempt.set((attempt, retries + 1))
            try:
                return func(*args, **kwargs)
            except PermanentError:
                raise
            except Exception:
                if attempt <= retries:
                    _queue_retry(the_task, args, kwargs, attempt, backoff, max_backoff)
                else:
                    logger.error("Job %s gave up after %d attempt(s)", the_task.name, attempt)
                raise  # this attempt is recorded as failed, with its error
            finally:
                _attempt.reset(token)

        the_task = task(queue_name=queue_name, priority=priority)(run)
        title = (func.__doc__ or func.__name__).strip().splitlines()[0]
        JOBS[the_task.module_path] = JobInfo(
            path=the_task.module_path,
            title=title,
            retries=retries,
            backoff=backoff,
            max_backoff=max_backoff,
            schedule=schedule,
            description=description or title,
        )
        return the_task

    return decorate(function) if function is not None else decorate


def _queue_retry(the_task: Task, args, kwargs, attempt: int, backoff: float, max_backoff: float) -> None:
    backend = the_task.get_backend()
    if not backend.supports_defer:
        # The immediate backend (tests, development shortcut) cannot wait: the failure stands.
        logger.warning("Job %s failed; backend %s cannot retry later", the_task.name, type(backend).__name__)
        return
    delay = retry_delay(attempt, backoff, max_backoff)
    run_after = timezone.now() + datetime.timedelta(seconds=delay)
    the_task.using(run_after=run_after).enqueue(*args, **{**kwargs, ATTEMPT_KWARG: attempt + 1})
    logger.warning("Job %s failed (attempt %d); trying again in %.0f s", the_task.name, attempt, delay)


def scheduled_jobs() -> list[JobInfo]:
    return sorted((info for info in JOBS.values() if info.schedule is not None), key=lambda info: info.title)


def enqueue_once(the_task: Task, *args, **kwargs):
    """Queue the job unless the same job with the same arguments is already waiting or running.

    Cheap protection against a burst of identical requests (readers asking for a PDF that is being made); the jobs
    themselves are idempotent, so a rare duplicate from a race does no harm. Returns the new result, or None."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if isinstance(the_task.get_backend(), DatabaseBackend):
        pending = DBTaskResult.objects.filter(
            task_path=the_task.module_path,
            status__in=["READY", "RUNNING"],
            args_kwargs={"args": list(args), "kwargs": kwargs},
        )
        if pending.exists():
            return None
    return the_task.enqueue(*args, **kwargs)
