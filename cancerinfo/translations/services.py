"""Translations as a workflow: export a page's words for a translator (PO), import the translated file, and know,
for every page, its translations and whether the English has changed since.

The words are kept by wagtail-localize (TranslationSource: the English page's strings at export; Translation: one
target language). The translated page is a Wagtail page in the language's locale, under the language's copy of the
site (/cy/...). `PageTranslation` records which English revision it was made from.
"""

from dataclasses import dataclass, replace

import polib
from django.db import transaction
from wagtail.models import Locale, Page, Revision

from cancerinfo.delivery import versions as tokens
from cancerinfo.delivery.page_cache import depends_on
from cancerinfo.versions.models import ContentVersion

from . import languages
from .models import TRANSLATIONS_CHANGED, PageTranslation

SOURCE_REVISION_HEADER = "X-CancerInfo-Source-Revision"
SOURCE_PAGE_HEADER = "X-CancerInfo-Source-Page"


class TranslationFileError(ValueError):
    """The file cannot be imported: the message says why, in words an editor can act on."""


def locale_for(code: str) -> Locale:
    if code not in languages.codes() or languages.is_default(code):
        raise TranslationFileError(
            f"'{code}' is not one of the site's other languages ({', '.join(languages.codes()[1:])})."
        )
    locale, _ = Locale.objects.get_or_create(language_code=code)
    return locale


def _translation(page: Page, code: str):
    from wagtail_localize.models import Translation, TranslationSource

    source, _ = TranslationSource.update_or_create_from_instance(page.specific)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale_for(code), defaults={"enabled": True}
    )
    return translation


def export_po(page: Page, code: str) -> str:
    """The page's words as a PO file for a translator into this language: each string once, with what is already
    translated filled in. The header names the English revision, so the import records what was translated."""
    page = page.specific
    if not languages.is_default(page.locale.language_code):
        raise TranslationFileError("Export the English page: translations are made from it.")
    po = _translation(page, code).export_po()
    po.metadata[SOURCE_PAGE_HEADER] = str(page.pk)
    po.metadata[SOURCE_REVISION_HEADER] = str(page.live_revision_id or "")
    po.metadata["Language"] = code
    return str(po)


def import_po(page: Page, code: str, text: str, user=None, publish: bool = True) -> Page:
    """Reads a translated PO file into the page's translation, saves it (published unless publish=False) and records
    the English revision it was made from. Strings left empty keep the English text."""
    page = page.specific
    try:
        po = polib.pofile(text)
    except (OSError, ValueError) as error:
        raise TranslationFileError(f"This is not a PO file this site can read ({error}).") from error
    if po.metadata.get(SOURCE_PAGE_HEADER, str(page.pk)) != str(page.pk):
        raise TranslationFileError("This file was exported from another page.")
    if po.metadata.get("Language", code) != code:
        raise TranslationFileError(f"This file is a translation into '{po.metadata['Language']}', not '{code}'.")
    with transaction.atomic():
        translation = _translation(page, code)
        warnings = translation.import_po(po, user=user)
        unknown = [w for w in warnings if type(w).__name__ == "UnknownString"]
        if unknown and len(unknown) == len(po):
            raise TranslationFileError("None of the strings in this file are on the page: was it edited in English?")
        # Saved as a draft, then published here: wagtail-localize would publish only once the transaction commits.
        translation.save_target(user=user, publish=False)
        target = page.get_translation(translation.target_locale)
        if publish:
            target.get_latest_revision().publish(user=user)
            target.refresh_from_db()
        _make_language_root_live(target)
        revision_id = po.metadata.get(SOURCE_REVISION_HEADER) or page.live_revision_id
        revision = Revision.objects.filter(pk=revision_id).first() if revision_id else None
        PageTranslation.objects.update_or_create(
            page=target, defaults={"source": page, "language": code, "source_revision": revision, "translated_by": user}
        )
        _link_version(page, target, code)
    return target


def _make_language_root_live(target: Page) -> None:
    """The language's copy of the home page must be live for Wagtail to route its addresses (/cy/...). Until it is
    translated it shows the English home page with a notice (see fallback)."""
    root = target.get_ancestors().filter(depth=2).first()
    if root is not None and not root.live:
        root.specific.save_revision().publish()


def _link_version(original: Page, target: Page, code: str) -> None:
    """The one model of versions (versions.ContentVersion): a translation is the row with this language."""
    audience = getattr(original, "audience", "") or "patients"
    ContentVersion.objects.update_or_create(
        original=original, audience=audience, language=code, defaults={"version": target}
    )


# -- reading: one table per process, rebuilt when pages or translations change -------------------------------------
@dataclass(frozen=True)
class Alternate:
    language: languages.Language
    url: str
    page_id: int
    title: str = ""


@dataclass(frozen=True)
class Status:
    language: str
    source_id: int
    source_url: str
    english_updated: bool


def _build() -> dict:
    records = list(PageTranslation.objects.select_related("source"))
    translated = {r.page_id for r in records}
    keys = Page.objects.filter(pk__in=translated).values("translation_key")
    groups: dict = {}
    for page in Page.objects.live().filter(translation_key__in=keys).select_related("locale"):
        code = page.locale.language_code
        if languages.is_default(code) or page.pk in translated:
            url = page.url
            if url and code in languages.codes():
                groups.setdefault(page.translation_key, {})[code] = (page.pk, url, page.title)
    alternates: dict[int, tuple[Alternate, ...]] = {}
    by_url: dict[tuple[str, str], tuple[Alternate, ...]] = {}
    for group in groups.values():
        if len(group) < 2:
            continue
        members = tuple(
            Alternate(languages.get(code), url, pk, title)
            for code in languages.codes()
            if code in group
            for pk, url, title in [group[code]]
        )
        for member in members:
            alternates[member.page_id] = members
            by_url[(member.url, member.language.code)] = members
    statuses = {
        r.page_id: Status(r.language, r.source_id, r.source.url or "", r.english_updated)
        for r in records
        if r.source.live
    }
    return {"alternates": alternates, "by_url": by_url, "statuses": statuses, "translated": translated}


def table() -> dict:
    return tokens.table("translations", [tokens.PAGES, TRANSLATIONS_CHANGED], _build)


def alternates(page) -> tuple[Alternate, ...]:
    """The page in every language it is live in, itself included (empty when it has no translation). No query."""
    return table()["alternates"].get(getattr(page, "pk", None), ())


def in_language(url: str, code: str) -> Alternate | None:
    """The translation into `code` of the page at this address (in any language), or None. No query."""
    for member in table()["by_url"].get((url, languages.default_code()), ()):
        if member.language.code == code:
            return member
    return None


def localized_links(items, code: str) -> list:
    """Links to pages (navigation, footer) for a reader of this language: each leads to the page's translation,
    under its translated title, where there is one; else it stays the English page's (shown with its title)."""
    if languages.is_default(code):
        return items
    found = []
    for item in items:
        translated = in_language(item.url, code)
        found.append(replace(item, title=translated.title, url=translated.url) if translated else item)
    return found


def status(page) -> Status | None:
    """For a translated page: its language, its English page and whether that changed since. No query."""
    return table()["statuses"].get(getattr(page, "pk", None))


def is_translated(page) -> bool:
    """A page in another language that was really translated (not a copy made to hold translations' places)."""
    return getattr(page, "pk", None) in table()["translated"]


@dataclass(frozen=True)
class SwitchEntry:
    language: languages.Language
    url: str
    current: bool
    translated: bool


def switch(request, page) -> list[SwitchEntry]:
    """The language switch: every language of the site, leading to this page's translation where there is one, and
    else to the same address in that language (which shows the English page with a notice)."""
    depends_on(request, TRANSLATIONS_CHANGED)
    found = {a.language.code: a.url for a in alternates(page)}
    if found:
        depends_on(request, tokens.PAGES)
    current = languages.current().code
    english_path = _english_path(request, page)
    entries = []
    for language in languages.all_languages():
        if language.code in found:
            entries.append(SwitchEntry(language, found[language.code], language.code == current, True))
        else:
            entries.append(SwitchEntry(language, language.prefix + english_path, language.code == current, False))
    return entries


def _english_path(request, page) -> str:
    """The address of this page without any language prefix: the page's own, never a sub-address under it (a
    donation's thank-you page holds the donation's reference)."""
    if hasattr(page, "get_url"):  # a page of the site (the search page's "page" is its page number)
        path = page.get_url(request=request) or "/"
    else:
        path = request.path if request is not None else "/"
    code = languages.from_path(path)
    return path[len(code) + 1 :] if code else path
