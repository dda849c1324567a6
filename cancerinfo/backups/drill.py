"""The restore drill: restore a backup into a fresh scratch database and media folder, check that readers, nurses
and the finance team would get everything back, record the result in the live database. The live site is never
touched. UK GDPR Article 32 asks for regular testing of restores: schedule it weekly (docs/deployment.md)."""

import tempfile
from pathlib import Path

from django.utils import timezone

from . import checks, scratch, services
from .models import BackupRun


def run(path: Path, stdout=None) -> BackupRun:
    started = timezone.now()
    problems: list[str] = []
    summary = ""
    try:
        with tempfile.TemporaryDirectory(prefix="cancerinfo-drill-") as work:
            work_path = Path(work)
            (work_path / "media").mkdir()
            with scratch.fresh_database(work_path) as database, scratch.use_database(database):
                with scratch.use_media(work_path / "media"), checks.isolated_cache():
                    restored = services.restore(path, stdout=stdout)
                    pages = restored.manifest.get("pages", {})
                    problems += checks.compare_pages(pages, checks.page_fingerprints(list(pages)))
                    decrypted = checks.decrypt_all()
                    summary = (
                        f"{sum(1 for p in pages.values() if p['status'] == 200)} pages answer as before, "
                        f"{decrypted} encrypted enquiry fields read, {restored.tables} tables with the same row "
                        f"counts, {restored.media_files} media files back"
                    )
    except Exception as exc:  # any failure is the drill's finding, recorded for the dashboard
        problems.append(str(exc))
    return BackupRun.objects.create(
        kind=BackupRun.Kind.DRILL,
        started_at=started,
        finished_at=timezone.now(),
        succeeded=not problems,
        archive=path.name,
        size=path.stat().st_size if path.exists() else 0,
        detail="; ".join(problems[:20]) if problems else summary + ".",
    )
