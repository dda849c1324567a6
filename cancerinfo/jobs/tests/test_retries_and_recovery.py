"""A failing job is tried again later, waiting longer each time, and stops after its retries with its error kept;
a job whose worker died runs again on another; each scheduled job is started once, however many workers run."""

import datetime

import pytest
from django.utils import timezone

from cancerinfo.jobs import worker
from cancerinfo.jobs.models import JobLock, ScheduledJob, WorkerHeartbeat
from cancerinfo.jobs.registry import retry_delay, scheduled_jobs

from . import sample_jobs

pytestmark = pytest.mark.django_db


def make_due(queue):
    queue.filter(status="READY").update(run_after=timezone.now() - datetime.timedelta(seconds=1))


def test_a_failing_job_is_retried_with_growing_delays_then_succeeds(database_queue):
    sample_jobs.CALLS.clear()
    sample_jobs.flaky.enqueue("mail", 2)
    assert worker.run_waiting_jobs() == 1
    retry = database_queue.get(status="READY")
    first_wait = (retry.run_after - timezone.now()).total_seconds()
    assert 25 <= first_wait <= 35, "the first retry waits about `backoff` seconds"
    assert retry.args_kwargs == {"args": ["mail", 2], "kwargs": {"_attempt": 2}}
    assert worker.run_waiting_jobs() == 0, "a retry waits for its time"

    make_due(database_queue)
    worker.run_waiting_jobs()
    second_wait = (database_queue.get(status="READY").run_after - timezone.now()).total_seconds()
    assert 50 <= second_wait <= 66, "the second waits twice as long (capped at max_backoff)"
    make_due(database_queue)
    worker.run_waiting_jobs()

    assert sample_jobs.CALLS == [("mail", 1), ("mail", 2), ("mail", 3)]
    assert database_queue.filter(status="FAILED").count() == 2
    assert database_queue.get(status="SUCCESSFUL").return_value == "done on attempt 3"


def test_a_job_that_keeps_failing_stops_after_its_retries_with_its_error(database_queue):
    sample_jobs.flaky.enqueue("never", 99)
    for _ in range(5):
        make_due(database_queue)
        worker.run_waiting_jobs()
    failed = list(database_queue.filter(status="FAILED").order_by("enqueued_at"))
    assert len(failed) == 3, "the first attempt and its 2 retries"
    assert not database_queue.filter(status="READY").exists()
    assert failed[-1].exception_class_path == "builtins.ConnectionError"
    assert "attempt 3 failed" in failed[-1].traceback


def test_a_permanent_error_is_not_retried(database_queue):
    sample_jobs.hopeless.enqueue()
    worker.run_waiting_jobs()
    assert database_queue.filter(status="FAILED").count() == 1
    assert not database_queue.filter(status="READY").exists()


def test_backoff_doubles_up_to_its_cap():
    delays = [retry_delay(n, 15, 900) for n in range(1, 10)]
    assert 13 <= delays[0] <= 17 and 27 <= delays[1] <= 33 and 54 <= delays[2] <= 66
    assert max(delays) <= 990 and delays[-1] >= 810


def test_a_job_left_running_by_a_lost_worker_runs_again_and_its_locks_are_freed(database_queue, settings):
    settings.JOBS_WORKER_LOST_SECONDS = 60
    sample_jobs.flaky.enqueue("pdf", 0)
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    database_queue.update(status="RUNNING", started_at=long_ago, worker_ids=["dead"])
    WorkerHeartbeat.objects.create(worker_id="dead", started_at=long_ago, last_seen=long_ago)
    JobLock.objects.create(
        name="booklet-pdf:1:standard", owner="dead", expires_at=timezone.now() + datetime.timedelta(hours=1)
    )

    # A job whose worker is alive is left alone, however long it runs.
    alive = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="alive", started_at=alive, last_seen=alive)
    sample_jobs.flaky.enqueue("long", 0)
    database_queue.filter(status="READY").update(status="RUNNING", started_at=long_ago, worker_ids=["alive"])

    assert worker.recover_lost_jobs() == 1
    assert database_queue.get(status="READY").args_kwargs["args"] == ["pdf", 0]
    assert database_queue.filter(status="RUNNING").get().worker_ids == ["alive"]
    assert not JobLock.objects.exists()
    worker.run_waiting_jobs()
    assert database_queue.filter(status="SUCCESSFUL").count() == 1


def test_a_job_that_keeps_killing_its_worker_is_marked_failed(database_queue, settings):
    sample_jobs.flaky.enqueue("poison", 0)
    long_ago = timezone.now() - datetime.timedelta(minutes=5)
    database_queue.update(status="RUNNING", started_at=long_ago, worker_ids=["a", "b", "c"])
    worker.recover_lost_jobs()
    failed = database_queue.get()
    assert failed.status == "FAILED" and "WorkerLost" in failed.traceback


def test_each_scheduled_job_is_started_once_when_due_however_many_workers_look(database_queue):
    now = timezone.now()
    assert worker.run_due_schedules(now) == [], "a new schedule waits for its first time"
    assert ScheduledJob.objects.count() == len(scheduled_jobs()) >= 8
    ScheduledJob.objects.filter(name__endswith="flush_search_log").update(next_run_at=now)
    stale_view = ScheduledJob.objects.get(name__endswith="flush_search_log")
    assert worker.run_due_schedules(now) == ["cancerinfo.search.tasks.flush_search_log"]
    # A second worker that read the row before the first moved it on cannot claim the same run.
    claimed = ScheduledJob.objects.filter(pk=stale_view.pk, next_run_at=stale_view.next_run_at).update(next_run_at=now)
    assert claimed == 0
    assert worker.run_due_schedules(now) == []
    assert database_queue.filter(task_path="cancerinfo.search.tasks.flush_search_log").count() == 1
    row = ScheduledJob.objects.get(pk=stale_view.pk)
    assert row.next_run_at == now + datetime.timedelta(minutes=5)


def test_a_lock_is_held_by_one_process_at_a_time():
    with worker.job_lock("booklet-pdf:7:standard") as first:
        with worker.job_lock("booklet-pdf:7:standard") as second:
            assert first and not second
    with worker.job_lock("booklet-pdf:7:standard") as again:
        assert again, "released when the first holder finished"
    JobLock.objects.create(name="x", owner="gone", expires_at=timezone.now() - datetime.timedelta(seconds=1))
    with worker.job_lock("x") as taken:
        assert taken, "an expired lock can be taken"
