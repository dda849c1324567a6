"""Any change to what search covers bumps the content version, so each process rebuilds its index once."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from cancerinfo.core.bulk import bulk_content_changed

from .services import bump_version

page_published.connect(bump_version, dispatch_uid="sitesearch_published")
page_unpublished.connect(bump_version, dispatch_uid="sitesearch_unpublished")
post_page_move.connect(bump_version, dispatch_uid="sitesearch_moved")


def _watch(label: str, model_name: str) -> None:
    from django.apps import apps

    try:
        model = apps.get_model(label, model_name)
    except LookupError:
        return
    post_save.connect(bump_version, sender=model, dispatch_uid=f"sitesearch_save_{label}_{model_name}")
    post_delete.connect(bump_version, sender=model, dispatch_uid=f"sitesearch_delete_{label}_{model_name}")
    bulk_content_changed.connect(bump_version, sender=model, dispatch_uid=f"sitesearch_bulk_{label}_{model_name}")


def _page_changed(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_version()


# Page subclasses send their own class as sender: listen to all saves and deletes, act on pages only.
post_save.connect(_page_changed, dispatch_uid="sitesearch_page_saved")
post_delete.connect(_page_changed, dispatch_uid="sitesearch_page_deleted")

for _label, _model in [
    ("glossary", "Term"),
    ("trials", "Trial"),
    ("publications", "Publication"),
    ("organisations", "Organisation"),
    ("sitesearch", "ThesaurusGroup"),
    ("sitesearch", "SpellingVariant"),
    ("taxonomy", "CancerType"),
    ("wagtailsearchpromotions", "SearchPromotion"),
]:
    _watch(_label, _model)
