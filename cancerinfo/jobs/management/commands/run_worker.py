"""Run background jobs: django-tasks-db's worker loop, plus a heartbeat that reruns the jobs of lost workers and
starts scheduled jobs when they are due. Run one or more per site (systemd, docs/deployment.md); stop with SIGTERM,
which lets the running job finish."""

import logging
import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from cancerinfo.jobs import worker as jobs_worker
from cancerinfo.jobs.models import WorkerHeartbeat

logger = logging.getLogger("cancerinfo.jobs.worker")


class Command(BaseCommand):
    help = "Run background jobs (PDFs, e-mail, scheduled jobs) until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="*", help="Comma-separated queues to run, or * (default) for all")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks at an empty queue")
        parser.add_argument("--no-scheduler", action="store_true", help="Do not start scheduled jobs from here")
        parser.add_argument("--batch", action="store_true", help="Run what is waiting, then stop (for scripts)")
        parser.add_argument("--worker-id", default="", help="Unique name of this worker (default: random)")

    def handle(self, *args, **options):
        worker_id = options["worker_id"] or f"worker-{get_random_string(12)}"
        jobs_worker.current_worker_id = worker_id
        started_at = timezone.now()
        jobs_worker.beat(worker_id, started_at)
        scheduler = settings.JOBS_SCHEDULER and not options["no_scheduler"]
        stop = threading.Event()
        thread = threading.Thread(
            target=self.heartbeat, args=(worker_id, started_at, scheduler, stop), daemon=True, name="jobs-heartbeat"
        )
        thread.start()
        self.stdout.write(
            f"Worker {worker_id} running queues {options['queue_name']}; scheduler {'on' if scheduler else 'off'}"
        )
        loop = Worker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name="default",
            startup_delay=not options["batch"],
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        loop.configure_signals()
        try:
            loop.run()
        finally:
            stop.set()
            thread.join(timeout=settings.JOBS_HEARTBEAT_SECONDS + 5)
            WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()

    def heartbeat(self, worker_id, started_at, scheduler, stop: threading.Event) -> None:
        """Every JOBS_HEARTBEAT_SECONDS: say this worker is alive, rerun lost jobs, start due scheduled jobs. A
        database outage only skips a beat."""
        while not stop.is_set():
            try:
                close_old_connections()
                jobs_worker.beat(worker_id, started_at)
                jobs_worker.recover_lost_jobs()
                if scheduler:
                    jobs_worker.run_due_schedules()
            except Exception:  # noqa: BLE001
                logger.exception("Worker %s heartbeat failed; trying again", worker_id)
            stop.wait(settings.JOBS_HEARTBEAT_SECONDS)
        connection.close()
