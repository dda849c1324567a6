"""Any change to what search covers goes into the change log (changes.py): a page's own change updates that page in
every process's index; any other change makes each process rebuild its index once."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from cancerinfo.core.bulk import bulk_content_changed

from . import registry
from .services import bump_version, page_changed

# Search's own vocabulary, Wagtail's promotions and page privacy; each app names the models its documents read
# (registry.py).
OWN_MODELS = [
    "sitesearch.ThesaurusGroup",
    "sitesearch.SpellingVariant",
    "wagtailsearchpromotions.SearchPromotion",
    "wagtailcore.PageViewRestriction",
]


def _watch(label: str) -> None:
    from django.apps import apps

    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return
    post_save.connect(bump_version, sender=model, dispatch_uid=f"sitesearch_save_{label}")
    post_delete.connect(bump_version, sender=model, dispatch_uid=f"sitesearch_delete_{label}")
    bulk_content_changed.connect(bump_version, sender=model, dispatch_uid=f"sitesearch_bulk_{label}")


def _page_changed(sender, instance, **kwargs):
    page_changed(instance.pk)


def _page_saved(sender, instance, update_fields=None, **kwargs):
    # Saves of some fields only are Wagtail's bookkeeping (a draft's revision, its title, a lock): readers see
    # nothing new until it is published, which page_published says. A whole save (an importer writing a live page
    # without publishing it) may change what readers see.
    if isinstance(instance, Page) and update_fields is None and instance.live:
        page_changed(instance.pk)


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_changed(instance.pk)


def connect() -> None:
    # Only what readers see: publishing, unpublishing, moving, deleting, a live page saved whole. Saving a draft
    # changes nothing.
    page_published.connect(_page_changed, dispatch_uid="sitesearch_published")
    page_unpublished.connect(_page_changed, dispatch_uid="sitesearch_unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="sitesearch_moved")
    # Page subclasses send their own class as sender: listen to all saves and deletes, act on pages only.
    post_save.connect(_page_saved, dispatch_uid="sitesearch_page_saved")
    post_delete.connect(_page_deleted, dispatch_uid="sitesearch_page_deleted")
    for label in sorted(registry.watched_models()) + OWN_MODELS:
        _watch(label)
