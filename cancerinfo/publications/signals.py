"""When a booklet is published, make its PDFs in the background once the data is saved.

Only publishing the booklet page itself starts the job: editors publish sections one by one, and with the
immediate task backend each job runs in the request. A section published on its own changes the PDF's content
key, so the old PDF is never served: the next download makes the new one (and caches it).
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from .models import PUBLICATIONS_VERSION, Publication


def enqueue_pdfs(booklet_id: int) -> None:
    from .tasks import generate_booklet_pdfs

    generate_booklet_pdfs.enqueue(booklet_id)


@receiver(page_published)
def _booklet_published(sender, instance, **kwargs):
    from cancerinfo.booklets.interface import BookletPage

    if not isinstance(instance, BookletPage) or not getattr(settings, "PUBLICATIONS_PDF_ON_PUBLISH", True):
        return
    booklet_id = instance.pk
    # After commit: the task must see the published content, and a rolled-back publish makes no PDF.
    # When a booklet and its sections are published in one transaction, the job sees them all.
    transaction.on_commit(lambda: enqueue_pdfs(booklet_id))


@receiver([post_save, post_delete], sender=Publication)
def _publication_changed(**kwargs):
    from cancerinfo.delivery import versions

    versions.bump(PUBLICATIONS_VERSION)
