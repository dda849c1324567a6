"""Booklet logic as plain functions: contents, previous/next, browsing by cancer type or treatment, the A–Z."""

import re
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


def section_anchor(section) -> str:
    """The id of a section's part of the one-page view."""
    return f"section-{section.slug}"


def section_anchors(sections: list[Page]) -> dict[str, str]:
    """Each section's address, with the anchor of its part of the one-page view."""
    return {section.url: section_anchor(section) for section in sections if section.url}


# A link's address on this site, and the fragment after it if any: href="/area/booklet/section/#part".
_LOCAL_HREF = re.compile(r'href="(/[^"#?]*)(#[^"]*)?"')


def links_within_page(html: str, anchors: dict[str, str]) -> str:
    """On the one-page view, a link to another section of the booklet jumps to that section on the page, rather than
    leaving the page for the section's own."""

    def local(match: re.Match) -> str:
        anchor = anchors.get(match.group(1))
        return f'href="#{anchor}"' if anchor else match.group(0)

    return _LOCAL_HREF.sub(local, html)


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
    """The address of the first area that lists booklets by cancer type, and of the first by treatment. Kept per
    process until a page is published (delivery/versions.py), so a page that links to them costs no query."""
    from cancerinfo.delivery import versions

    def build() -> dict[str, str]:
        urls = {}
        for area in BookletIndexPage.objects.live().public().exclude(group_by="").order_by("path"):
            urls.setdefault(area.group_by, area.url)
        return urls

    return versions.table("booklet-term-areas", [versions.PAGES], build)


@dataclass(frozen=True)
class CoveredTerm:
    name: str
    url: str  # its page in the area that lists booklets by it; "" where no area does


def covered_terms(booklet) -> list[tuple[str, list[CoveredTerm]]]:
    """What the booklet covers, for its landing page: its cancer types and treatments, each linked to the page that
    lists every booklet about it."""
    area_urls = _term_index_urls()
    covered = []
    for group_by, heading in (("cancer_types", "Cancer types"), ("treatments", "Treatments")):
        area_url = area_urls.get(group_by, "")
        terms = [
            CoveredTerm(term.name, f"{area_url}{TERM_ROUTE_PREFIX}/{term.slug}/" if area_url else "")
            for term in getattr(booklet, group_by).all()
        ]
        if terms:
            covered.append((heading, terms))
    return covered


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
