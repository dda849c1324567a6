from django.db.models.signals import post_delete, post_save

from cancerinfo.delivery import versions


def _translations_changed(**kwargs) -> None:
    versions.bump(versions.PAGES, "translations")


def connect() -> None:
    from .models import PageTranslation

    post_save.connect(_translations_changed, sender=PageTranslation, dispatch_uid="translations-saved")
    post_delete.connect(_translations_changed, sender=PageTranslation, dispatch_uid="translations-deleted")
