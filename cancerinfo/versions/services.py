"""Reading versions: which pages have them, and where the audience switch leads. Built once per process and kept
until a page is published, unpublished, moved or deleted, or a version changes, so pages cost no query for them."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import Page

from cancerinfo.delivery import versions as tokens
from cancerinfo.delivery.invalidation import tree
from cancerinfo.delivery.page_cache import depends_on

from .models import SWITCH_LABELS, VERSIONS_CHANGED, Audience, ContentVersion


@dataclass(frozen=True)
class Member:
    """One live page of a group of versions, as the switch needs it."""

    page_id: int
    audience: str
    url: str
    sections: dict  # its child pages' addresses by slug: a booklet's sections


@dataclass(frozen=True)
class SwitchTarget:
    label: str
    url: str
    current: bool


def _audience_order(audience: str) -> int:
    return list(SWITCH_LABELS).index(audience) if audience in SWITCH_LABELS else len(SWITCH_LABELS)


def _build() -> dict[int, tuple[Member, ...]]:
    """Every live page that has live versions (or is one) -> its whole group, original first."""
    # Rows with a language are translations: the language switch (translations app) shows those.
    rows = list(ContentVersion.objects.filter(language="").select_related("original", "version"))
    groups: dict[int, list[tuple[Page, str]]] = {}
    for row in rows:
        if row.original.live and row.version.live:
            group = groups.setdefault(row.original_id, [(row.original, Audience.PATIENTS)])
            group.append((row.version, row.audience))
    pages = [page for group in groups.values() for page, _ in group]
    sections: dict[str, dict[str, str]] = {page.path: {} for page in pages}
    if pages:
        children = (
            Page.objects.live()
            .public()
            .filter(reduce(or_, [Q(path__startswith=p.path, depth=p.depth + 1) for p in pages]))
        )
        for child in children.only("id", "path", "depth", "slug", "url_path"):
            sections[child.path[: -child.steplen]][child.slug] = child.url
    table: dict[int, tuple[Member, ...]] = {}
    for group in groups.values():
        members = tuple(
            sorted(
                (Member(page.pk, audience, page.url, sections[page.path]) for page, audience in group),
                key=lambda member: _audience_order(member.audience),
            )
        )
        for member in members:
            table[member.page_id] = members
    return table


def switch_table() -> dict[int, tuple[Member, ...]]:
    return tokens.table("audience-switch", [tokens.PAGES, VERSIONS_CHANGED], _build)


def versions_of(page) -> tuple[Member, ...]:
    """The live versions of this page's content, itself included (empty when it has none). No query."""
    return switch_table().get(getattr(page, "pk", None), ())


def switch_targets(page, within=None) -> list[SwitchTarget]:
    """The audience switch for a page: one entry per version of its content, the page's own marked current. Pass
    `within` (a booklet) for a page inside a versioned page (a section): the switch then leads to the section of
    the same slug in the other version where there is one, else to the other version's first page."""
    within = within or page
    members = versions_of(within)
    targets = []
    for member in members:
        if member.page_id == within.pk:
            targets.append(SwitchTarget(SWITCH_LABELS.get(member.audience, member.audience), "", True))
            continue
        same = member.sections.get(page.slug) if page is not None and page.pk != within.pk else None
        targets.append(SwitchTarget(SWITCH_LABELS.get(member.audience, member.audience), same or member.url, False))
    return targets


def switch_for(request, page, within=None) -> list[SwitchTarget]:
    """The switch a page shows (empty when it has no other live version). A page showing it is kept, by the caches,
    only while the other versions' pages it leads to stay as they are."""
    targets = switch_targets(page, within)
    for target in targets:
        if not target.current:
            depends_on(request, tree(target.url))  # the other version's sections, as they are now
    return targets if len(targets) > 1 else []
