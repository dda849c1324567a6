"""What else a booklet change touches (delivery/invalidation.py): a section's siblings and its booklet show it in the
contents list; a booklet appears in the listings of booklets (areas, A–Z, by cancer type or treatment)."""

from django.dispatch import receiver

from cancerinfo.delivery.invalidation import affected, tree_of

from .models import BookletPage, BookletSectionPage

BOOKLETS_VERSION = "booklets"  # moves when any booklet is published, unpublished, moved or deleted


@receiver(affected)
def _booklet_changes(sender, page, **kwargs):
    if isinstance(page, BookletSectionPage):
        booklet = page.get_parent()
        sections = [section.url for section in booklet.get_children().live()]
        return [tree_of(booklet)], [booklet.url, *sections]
    if isinstance(page, BookletPage):
        return [BOOKLETS_VERSION]
    return []
