"""Moves the finder's "trials" version when anything its table holds changes (finder_table.py), so every process
loads the table again before its next finder request."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from cancerinfo.core.bulk import bulk_content_changed
from cancerinfo.delivery import versions

from . import finder_table


def _changed(sender, raw=False, **kwargs) -> None:
    versions.bump(finder_table.VERSION)


def connect() -> None:
    from cancerinfo.taxonomy.models import CancerType

    from .models import PostcodeDistrict, Trial, TrialSite

    for model in (Trial, TrialSite, PostcodeDistrict, CancerType):
        post_save.connect(_changed, sender=model, dispatch_uid=f"trial-finder-saved-{model._meta.label_lower}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"trial-finder-deleted-{model._meta.label_lower}")
    m2m_changed.connect(_changed, sender=Trial.cancer_types.through, dispatch_uid="trial-finder-cancer-types")
    # Imports write with bulk_create and update(), which send no post_save.
    bulk_content_changed.connect(_changed, sender=Trial, dispatch_uid="trial-finder-import")
