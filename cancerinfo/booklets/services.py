"""Booklet logic as plain functions: contents, previous/next, browsing by cancer type or treatment, the A–Z."""

import string
from dataclasses import dataclass

from wagtail.models import Page, Site

from cancerinfo.taxonomy.models import CancerType, Treatment

from .models import TERM_ROUTE_PREFIX, BookletIndexPage, BookletPage


def booklet_sections(booklet, specific: bool = False) -> list[Page]:
    """The booklet's published sections in contents order, in one query (plus one per page type if specific)."""
    sections = Page.objects.child_of(booklet).live().public().order_by("path")
    if specific:
        sections = sections.specific()
    return list(sections)


def booklet_of(section: Page, request=None):
    """The section's booklet, fetched as its specific type in one query."""
    return BookletPage.objects.get(path=section.path[: -section.steplen])


def booklet_and_sections(section) -> tuple:
    """The section's booklet and its published sections, kept in the cache until the booklet, one of its sections
    or a private area changes (delivery/versions.py): every section of a booklet shares one copy."""
    from django.core.cache import cache

    from cancerinfo.delivery import restrictions, versions
    from cancerinfo.delivery.invalidation import tree

    booklet_path = section.path[: -section.steplen]
    booklet_url_path = section.url_path.rstrip("/").rsplit("/", 1)[0] + "/"
    url = booklet_url_path
    for _site_id, root_path, _root_url, _language in Site.get_site_root_paths():
        if booklet_url_path.startswith(root_path):
            url = "/" + booklet_url_path[len(root_path) :]
            break
    tokens = versions.get_many([tree(url), restrictions.VERSION])
    key = f"booklet-and-sections:{booklet_path}:{':'.join(tokens.values())}"
    found = cache.get(key)
    if found is None or found[0].path != booklet_path:
        booklet = booklet_of(section)
        found = (booklet, booklet_sections(booklet))
        cache.set(key, found, 60 * 60)
    return found


def attach_terms(section, booklet) -> None:
    """The booklet's cancer types and treatments and the section's topics in one query, set on the pages, so every
    box on the section (related questions, trials, who can help) reads them without a query."""
    from cancerinfo.taxonomy.models import attach_terms as attach

    attach((booklet, "cancer_types"), (booklet, "treatments"), (section, "topics"))


def neighbours(sections: list[Page], current: Page) -> tuple[Page | None, Page | None]:
    ids = [section.pk for section in sections]
    if current.pk not in ids:
        return None, None
    position = ids.index(current.pk)
    previous_section = sections[position - 1] if position > 0 else None
    next_section = sections[position + 1] if position + 1 < len(sections) else None
    return previous_section, next_section


def _live_booklets():
    return BookletPage.objects.live().public().order_by("title")


def every_booklet():
    return _live_booklets()


def booklets_for_professionals():
    return _live_booklets().filter(audience=BookletPage.AUDIENCE_PROFESSIONALS)


def booklets_in_area(area) -> list:
    return list(_live_booklets().child_of(area))


TERM_MODELS = {"cancer_types": CancerType, "treatments": Treatment}


def term_groups(group_by: str) -> list[tuple]:
    """Each cancer type (or treatment) with the live booklets that cover it, for the area's listing."""
    model = TERM_MODELS.get(group_by)
    if model is None:
        return []
    booklets = list(_live_booklets().prefetch_related(group_by))
    groups = {term: [] for term in model.objects.all()}
    for booklet in booklets:
        for term in getattr(booklet, group_by).all():
            groups.setdefault(term, []).append(booklet)
    return [(term, items) for term, items in groups.items()]


def find_term(group_by: str, slug: str):
    model = TERM_MODELS.get(group_by)
    if model is None:
        return None
    return model.objects.filter(slug=slug).first()


def booklets_for_term(group_by: str, term) -> list:
    return list(_live_booklets().filter(**{group_by: term}))


@dataclass(frozen=True)
class AtoZEntry:
    title: str
    url: str
    kind: str


def _term_index_urls() -> dict[str, str]:
    urls = {}
    for area in BookletIndexPage.objects.live().public().exclude(group_by="").order_by("path"):
        urls.setdefault(area.group_by, area.url)
    return urls


def a_to_z() -> list[tuple[str, list[AtoZEntry]]]:
    """Letters A–Z (and # for the rest) with every entry under its first letter; empty letters included."""
    entries = [AtoZEntry(b.title, b.url, "Booklet") for b in _live_booklets()]
    area_urls = _term_index_urls()
    for group_by, kind in (("cancer_types", "Cancer type"), ("treatments", "Treatment")):
        area_url = area_urls.get(group_by)
        if area_url is None:
            continue
        for term in TERM_MODELS[group_by].objects.all():
            entries.append(AtoZEntry(term.name, f"{area_url}{TERM_ROUTE_PREFIX}/{term.slug}/", kind))

    letters = {letter: [] for letter in string.ascii_uppercase}
    letters["#"] = []
    for entry in entries:
        first = entry.title[:1].upper()
        letters[first if first in letters else "#"].append(entry)
    for items in letters.values():
        items.sort(key=lambda e: (e.title.lower(), e.kind))
    return [(letter, letters[letter]) for letter in [*string.ascii_uppercase, "#"] if letter != "#" or letters["#"]]
