"""Backups on the background worker's schedule (docs/deployment.md, "Backups and restores"). Sites that run
backups from cron or a systemd timer instead (e.g. on the database server) set BACKUP_ON_WORKER=false."""

from django.conf import settings

from cancerinfo.jobs.registry import job
from cancerinfo.jobs.schedules import daily, weekly

ON_WORKER = getattr(settings, "BACKUP_ON_WORKER", True)


@job(
    retries=2,
    backoff=600,
    schedule=daily(at="03:15") if ON_WORKER else None,
    description="Encrypted backup of the database and media, checked, old ones pruned",
)
def make_backup() -> dict:
    """Back up the database and media"""
    from .services import make_backup

    run = make_backup()
    return {"archive": run.archive, "size": run.size, "sha256": run.sha256}


@job(
    schedule=weekly("Sunday", at="04:30") if ON_WORKER else None,
    description="Restore the newest backup into a scratch database and check it (the live site is not touched)",
)
def restore_drill() -> dict:
    """Restore drill of the newest backup"""
    from . import drill, services

    found = services.archives()
    if not found:
        raise RuntimeError(f"There are no backups in {services.backup_dir()} to drill.")
    run = drill.run(found[-1])
    if not run.succeeded:
        raise RuntimeError(run.detail)
    return {"archive": run.archive, "detail": run.detail}
