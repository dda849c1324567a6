"""Publishing the 100-section booklet: how long the editor waits, and how soon the worker has made its PDFs.

Goals: publishing returns in 1 s or less (the PDFs are only queued); both PDFs (standard and large print) are made
by the worker within 60 s of publishing (30 s each, the PDF benchmark's goal for this booklet). The yardstick, in the
same process: the same publish with the immediate backend, which made the PDFs inside the editor's request before
the queue existed.

Runs on a throw-away SQLite database with the queue in it; the worker's loop runs in this process
(cancerinfo.jobs.worker.run_waiting_jobs, the code `manage.py run_worker` runs).
Usage: .venv/bin/python bench/publish_booklet.py
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import publication_pdf  # noqa: E402  (sets up the throw-away database and builds the generated booklet)

GOAL_PUBLISH = 1.0
GOAL_PDFS = 60.0
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def publish(booklet) -> float:
    """What the admin's Publish button runs: a new revision published in one transaction, then the jobs queued
    after commit."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    editor = get_user_model().objects.filter(is_superuser=True).first()
    booklet.summary = f"{booklet.summary.split(' Edited')[0]} Edited {time.time():.0f}."
    started = time.perf_counter()
    with transaction.atomic():
        booklet.save_revision(user=editor).publish(user=editor)
    return time.perf_counter() - started  # on_commit callbacks (queueing the PDFs) ran inside the timing


def main() -> int:
    publication_pdf.setup_django()
    from django.contrib.auth import get_user_model
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    from cancerinfo.core.demo import build_site
    from cancerinfo.jobs.worker import run_waiting_jobs
    from cancerinfo.publications.models import BookletPdf
    from cancerinfo.publications.pdf import content_key

    get_user_model().objects.create_superuser("bench", "bench@example.org", "bench-password-123")
    areas = build_site()
    with override_settings(TASKS=DATABASE_QUEUE, PUBLICATIONS_PDF_ON_PUBLISH=False):
        booklet = publication_pdf.generated_booklet(areas)
        run_waiting_jobs()  # Wagtail's jobs for the new pages, so they do not count below
    sections = booklet.get_children().count()

    with override_settings(TASKS=IMMEDIATE, PUBLICATIONS_PDF_ON_PUBLISH=True):
        inline = publish(booklet)  # the yardstick: PDFs made in the request
    BookletPdf.objects.all().delete()

    with override_settings(TASKS=DATABASE_QUEUE, PUBLICATIONS_PDF_ON_PUBLISH=True):
        queued = publish(booklet)
        waiting = DBTaskResult.objects.ready().count()
        started = time.perf_counter()
        run_waiting_jobs(worker_id="bench")
        booklet.refresh_from_db()
        made = BookletPdf.objects.filter(booklet=booklet, content_key=content_key(booklet)).count()
        pdfs = time.perf_counter() - started + queued

    ratio = inline / queued if queued else float("inf")
    ok_publish, ok_pdfs = queued <= GOAL_PUBLISH, made == 2 and pdfs <= GOAL_PDFS
    print(f"Booklet with {sections} sections; {waiting} job(s) queued by the publish.")
    print(f"{'Publish, PDFs made in the request (before the queue)':<58} {inline:7.2f} s  (yardstick)")
    verdict = "ok" if ok_publish else "OVER GOAL"
    print(f"{'Publish, PDFs queued for the worker':<58} {queued:7.2f} s  goal ≤ {GOAL_PUBLISH:.0f} s: {verdict}")
    print(f"  the editor waits {ratio:.0f}× less")
    verdict = "ok" if ok_pdfs else "OVER GOAL"
    print(f"{'Both PDFs made by the worker, from publishing':<58} {pdfs:7.2f} s  goal ≤ {GOAL_PDFS:.0f} s: {verdict}")
    print(f"  PDFs of the current content: {made} of 2")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"(Load average {load} on {os.cpu_count()} CPUs.)")
    print(f"result: {'OK' if ok_publish and ok_pdfs else 'OVER GOAL'}")
    return 0 if ok_publish and ok_pdfs else 1


if __name__ == "__main__":
    sys.exit(main())
