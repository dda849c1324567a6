"""When a booklet (or one of its sections) is published, make its PDFs in the background once the data is saved."""

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import page_published


def _booklet_id(page) -> int | None:
    from cancerinfo.booklets.models import BookletPage, BookletSectionPage

    if isinstance(page, BookletPage):
        return page.pk
    if isinstance(page, BookletSectionPage):
        parent = page.get_parent()
        return parent.pk if parent is not None else None
    return None


def enqueue_pdfs(booklet_id: int) -> None:
    from .tasks import generate_booklet_pdfs

    generate_booklet_pdfs.enqueue(booklet_id)


@receiver(page_published)
def _booklet_published(sender, instance, **kwargs):
    if not getattr(settings, "PUBLICATIONS_PDF_ON_PUBLISH", True):
        return
    booklet_id = _booklet_id(instance)
    if booklet_id is None:
        return
    # After commit: the task must see the published content, and a rolled-back publish makes no PDF.
    # Publishing a booklet and its sections in one transaction enqueues once per page, but only the first
    # call does any work: the others find the PDF already made for that content.
    transaction.on_commit(lambda: enqueue_pdfs(booklet_id))
