"""Background jobs: make a booklet's PDFs on a worker as soon as it is published (or when a reader asks for one that
is not ready), and the orders' retention purge."""

import logging

from django.conf import settings

from cancerinfo.jobs.registry import job
from cancerinfo.jobs.schedules import daily
from cancerinfo.jobs.worker import job_lock

logger = logging.getLogger(__name__)


@job(retries=3, backoff=60)
def generate_booklet_pdfs(booklet_id: int, variants: list[str] | None = None) -> dict:
    """Make a booklet's PDFs"""
    from cancerinfo.booklets.interface import BookletPage

    from . import pdf

    booklet = BookletPage.objects.live().filter(pk=booklet_id).first()
    if booklet is None:
        return {"booklet": booklet_id, "generated": []}
    if variants is None:
        variants = list(getattr(settings, "PUBLICATIONS_PDF_VARIANTS_ON_PUBLISH", pdf.VARIANTS))
    done = []
    for variant in variants:
        # One worker makes a booklet's PDF at a time; another asked for it finds it made (or leaves it to the first).
        with job_lock(f"booklet-pdf:{booklet_id}:{variant}") as held:
            if not held:
                done.append({"variant": variant, "skipped": "being made by another worker"})
                continue
            record = pdf.get_or_create_pdf(booklet, variant)
            done.append({"variant": variant, "pages": record.page_count, "size": record.size})
    return {"booklet": booklet_id, "generated": done}


@job(schedule=daily(at="02:30"), description="Remove names and addresses from old orders, whatever their state")
def purge_order_addresses() -> int:
    """Purge old order addresses"""
    from .orders import purge_addresses

    return purge_addresses(settings.PUBLICATIONS_ADDRESS_RETENTION_DAYS)
