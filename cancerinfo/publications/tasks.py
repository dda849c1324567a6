"""Background jobs (django-tasks): make a booklet's PDFs as soon as it is published."""

import logging

from django.conf import settings
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def generate_booklet_pdfs(booklet_id: int) -> dict:
    """Generate (or find cached) the standard and large-print PDFs of a live booklet."""
    from cancerinfo.booklets.models import BookletPage

    from . import pdf

    booklet = BookletPage.objects.live().filter(pk=booklet_id).first()
    if booklet is None:
        return {"booklet": booklet_id, "generated": []}
    variants = getattr(settings, "PUBLICATIONS_PDF_VARIANTS_ON_PUBLISH", pdf.VARIANTS)
    done = []
    for variant in variants:
        record = pdf.get_or_create_pdf(booklet, variant)
        done.append({"variant": variant, "pages": record.page_count, "size": record.size})
    return {"booklet": booklet_id, "generated": done}
