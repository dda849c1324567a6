"""After each trials import, queue the job that sends the alerts (tasks.py).

Importers write in bulk and then send `bulk_content_changed` for Trial (core/bulk.py), after their transaction. The
job is queued in the database like any other: a worker runs it, and it is queued once however many imports end
before it starts (`enqueue_once`)."""

from cancerinfo.core.bulk import bulk_content_changed


def _trials_imported(sender, **kwargs) -> None:
    from cancerinfo.jobs.registry import enqueue_once

    from .tasks import send_trial_alerts

    enqueue_once(send_trial_alerts)


def connect() -> None:
    from cancerinfo.trials.interface import Trial

    bulk_content_changed.connect(_trials_imported, sender=Trial, dispatch_uid="trialalerts-after-import")
