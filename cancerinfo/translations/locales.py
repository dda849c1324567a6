"""Wagtail's locales read from a per-process table instead of one query each time.

With WAGTAIL_I18N_ENABLED, Wagtail asks for the active language's Locale row whenever it routes a request or a
template asks for `page.localized` (each link in a page's text): one query each, on every page. The rows change only
when an editor adds a language, so `Locale.get_active` reads them from a table built once per process (delivery's
versions.table) and rebuilt when a Locale is saved or deleted. A language with no row yet falls back to Wagtail's own
look-up (and its errors)."""

from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from cancerinfo.delivery import versions as tokens

LOCALES_CHANGED = "locales"

_wagtail_get_active = Locale.get_active.__func__


def _build() -> dict[str, Locale]:
    return {locale.language_code: locale for locale in Locale.objects.all()}


def locale_table() -> dict[str, Locale]:
    return tokens.table("locales", [LOCALES_CHANGED], _build)


def get_active(cls):
    try:
        code = get_supported_content_language_variant(translation.get_language())
    except LookupError:
        code = None
    found = locale_table().get(code) if code else None
    return found if found is not None else _wagtail_get_active(cls)


def _changed(**kwargs) -> None:
    tokens.bump(LOCALES_CHANGED)


def install() -> None:
    Locale.get_active = classmethod(get_active)
    post_save.connect(_changed, sender=Locale, dispatch_uid="translations-locale-saved")
    post_delete.connect(_changed, sender=Locale, dispatch_uid="translations-locale-deleted")
