"""Write parsed legacy pages into the site: booklet, section, contents order, placeholders and cross-links.

One transaction per file: a page that cannot be understood or written leaves nothing behind. Every write is
compared with what is there first, so importing the same files again saves no revision and moves no page.
"""

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.rich_text import RichText

from cancerinfo.booklets.interface import WHOLE_BOOKLET_SLUG, BookletIndexPage, BookletPage, BookletSectionPage
from cancerinfo.core.models import IndexPage

from .models import LegacySource
from .parsers import MARKER_ATTRIBUTE, LegacyPage, LegacyParseError, read_file, title_key, to_html

logger = logging.getLogger(__name__)

DEFAULT_PARENT_SLUG = "cancer-types"
PAGE_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".shtml", ".asp", ".aspx", ".php"}

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
FAILED = "failed"
STATUSES = (CREATED, UPDATED, UNCHANGED, FAILED)


class ImportFailure(Exception):
    """The page was understood but cannot be written; the message says why."""


@dataclass
class ImportResult:
    path: str
    status: str
    reason: str = ""
    booklet: BookletPage | None = None
    section: BookletSectionPage | None = None
    notes: list[str] = field(default_factory=list)
    links_resolved_elsewhere: int = 0


# --- Finding files ---------------------------------------------------------------------------------------------


def page_files(paths: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """Each path given, folders expanded (saved pages only, sorted, hidden files skipped).

    Returns (path, problem) pairs; problem is "" for a file to import.
    """
    found: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in PAGE_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                found.append((path, "the folder holds no saved pages (.txt, .md, .html, .htm)"))
            found.extend((p, "") for p in files)
        elif path.is_file():
            found.append((path, ""))
        else:
            found.append((path, "no such file or folder"))
    return found


# --- Link targets ----------------------------------------------------------------------------------------------


LINK_EXTRAS = re.compile(
    r"^(?:(?:read about|more about|go to|see|read|about)\s+)?(?:the\s+)?|\s+(?:section|page|booklet)$"
)


class LinkTargets:
    """Live booklets and sections by title, to resolve in-text links. Built with two queries."""

    def __init__(self):
        self.booklet_by_path: dict[str, int] = {}
        self.booklets: dict[str, int] = {}
        self.sections: dict[str, int] = {}
        self.sections_by_booklet: dict[int, dict[str, int]] = {}
        self.live_ids: set[int] = set()
        for pk, title, path in BookletPage.objects.live().order_by("path").values_list("pk", "title", "path"):
            self.booklet_by_path[path] = pk
            self.booklets.setdefault(title_key(title), pk)
            self.live_ids.add(pk)
        sections = BookletSectionPage.objects.live().order_by("path").values_list("pk", "title", "path")
        for pk, title, path in sections:
            self.add_section(pk, title, self.booklet_by_path.get(path[: -Page.steplen]))

    def add_section(self, pk: int, title: str, booklet_id: int | None) -> None:
        key = title_key(title)
        self.sections.setdefault(key, pk)
        if booklet_id is not None:
            self.sections_by_booklet.setdefault(booklet_id, {}).setdefault(key, pk)
        self.live_ids.add(pk)

    def booklet_of(self, section: Page) -> int | None:
        return self.booklet_by_path.get(section.path[: -Page.steplen])

    def find(self, key: str, booklet_id: int | None) -> int | None:
        """Same booklet first, then any booklet's section, then a booklet's title. Link words such as
        "see the … section" are tried without their extra words when the whole does not match."""
        for candidate in dict.fromkeys([key, LINK_EXTRAS.sub("", key).strip()]):
            same = self.sections_by_booklet.get(booklet_id, {}).get(candidate)
            found = same or self.sections.get(candidate) or self.booklets.get(candidate)
            if found:
                return found
        return None


@dataclass
class ResolvedBody:
    html: str
    resolved: dict[str, int]
    unresolved: list[str]


def resolve_links(body_source: str, booklet_id: int | None, targets: LinkTargets, previous=None) -> ResolvedBody:
    """Markers become Wagtail page links (<a linktype="page" id="N">), which follow the page when it is renamed
    or moved. A link resolved before keeps its target while that page is live; unresolved ones become plain text
    until a later import brings their target."""
    previous = previous or {}
    soup = BeautifulSoup(body_source, "html.parser")
    resolved: dict[str, int] = {}
    unresolved: list[str] = []
    for link in soup.find_all("a", attrs={MARKER_ATTRIBUTE: True}):
        name = link[MARKER_ATTRIBUTE]
        key = title_key(name)
        page_id = previous.get(key)
        if page_id not in targets.live_ids:
            page_id = targets.find(key, booklet_id)
        if page_id is None:
            link.unwrap()
            if name not in unresolved:
                unresolved.append(name)
        else:
            link.attrs = {"linktype": "page", "id": str(page_id)}
            resolved[key] = page_id
    return ResolvedBody(to_html(soup), resolved, unresolved)


# --- Writing ---------------------------------------------------------------------------------------------------


def _unique_slug(parent: Page, title: str, fallback: str) -> str:
    base = slugify(title)[:200].strip("-") or fallback
    if base == WHOLE_BOOKLET_SLUG:
        base = f"{base}-{fallback}"
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _parent_for_new_booklets(slug: str) -> Page:
    candidates = list(Page.objects.filter(slug=slug).type(BookletIndexPage, IndexPage).order_by("depth", "path"))
    if not candidates:
        raise ImportFailure(
            f"the booklet does not exist yet and there is no booklet area with the slug {slug!r} to put it in "
            "(run load_demo_content, or pass --parent SLUG)"
        )
    booklet_areas = [page for page in candidates if page.specific_class is BookletIndexPage]
    return (booklet_areas or candidates)[0].specific


def _publish(page: Page) -> None:
    page.save_revision(log_action=True).publish()


def find_booklet(title: str) -> BookletPage | None:
    key = title_key(title)
    for pk, existing in BookletPage.objects.order_by("depth", "path").values_list("pk", "title"):
        if title_key(existing) == key:
            return BookletPage.objects.get(pk=pk)
    return None


def _write_booklet(page: LegacyPage, parent_slug: str) -> tuple[BookletPage, bool, bool]:
    """The booklet, whether it was created, and whether it changed."""
    booklet = find_booklet(page.booklet_title)
    if booklet is None:
        parent = _parent_for_new_booklets(parent_slug)
        fields = {"series": page.series} if page.series else {}
        booklet = BookletPage(
            title=page.booklet_title, slug=_unique_slug(parent, page.booklet_title, "booklet"), **fields
        )
        parent.add_child(instance=booklet)
        _publish(booklet)
        return booklet, True, True
    # An unpublished booklet is compared with its latest draft, which is where earlier imports wrote.
    current = booklet if booklet.live or not booklet.latest_revision_id else booklet.get_latest_revision_as_object()
    changes = {"title": page.booklet_title}
    if page.series:
        changes["series"] = page.series
    if all(getattr(current, name) == value for name, value in changes.items()):
        return booklet, False, False
    target = current if not booklet.live else booklet
    for name, value in changes.items():
        setattr(target, name, value)
    revision = target.save_revision(log_action=True)
    if booklet.live:
        revision.publish()
    return booklet, False, True


def _children(booklet: BookletPage) -> list[BookletSectionPage]:
    return list(BookletSectionPage.objects.child_of(booklet).order_by("path"))


def _find_child(children: list[BookletSectionPage], title: str, skip: set[int] = frozenset()):
    key = title_key(title)
    return next((child for child in children if child.pk not in skip and title_key(child.title) == key), None)


def _add_placeholders(booklet: BookletPage, contents: Iterable[str]) -> list[str]:
    """Unpublished sections for contents items that no page has yet, so the order is complete."""
    children = _children(booklet)
    added = []
    for title in contents:
        if _find_child(children, title) is None:
            placeholder = BookletSectionPage(
                title=title, slug=_unique_slug(booklet, title, "section"), live=False, has_unpublished_changes=True
            )
            booklet.add_child(instance=placeholder)
            placeholder.save_revision(log_action=True)
            children.append(placeholder)
            added.append(title)
    return added


def _reorder(booklet: BookletPage, contents: Iterable[str]) -> bool:
    """Put the sections the contents list names in its order, in the places they already hold between them;
    sections it does not name stay where they are. A page whose list names only some sections, in an order the
    booklet already follows, moves nothing, so pages of one booklet never undo each other's order."""
    children = _children(booklet)
    rank: dict[int, int] = {}
    for position, title in enumerate(contents):
        child = _find_child(children, title, set(rank))
        if child is not None:
            rank[child.pk] = position
    places = [index for index, child in enumerate(children) if child.pk in rank]
    listed = sorted((child for child in children if child.pk in rank), key=lambda child: rank[child.pk])
    wanted = [child.pk for child in children]
    for index, child in zip(places, listed, strict=True):
        wanted[index] = child.pk
    if wanted == [child.pk for child in children]:
        return False
    for pk in wanted:
        # Fresh rows each time: every move rewrites tree paths.
        Page.objects.get(pk=pk).move(Page.objects.get(pk=booklet.pk), pos="last-child")
    return True


def _body_blocks(page: BookletSectionPage) -> list[tuple[str, object]]:
    return [(block["type"], block["value"]) for block in page.body.raw_data]


def _save_source(section: Page, path: str, page: LegacyPage, body: ResolvedBody) -> bool:
    values = {
        "source_path": path[:500],
        "body_source": page.body_source,
        "resolved_links": {key: pk for key, pk in body.resolved.items()},
        "unresolved_links": body.unresolved,
    }
    source = LegacySource.objects.filter(page=section).first()
    if source is not None and all(getattr(source, name) == value for name, value in values.items()):
        return False
    LegacySource.objects.update_or_create(page=section, defaults=values)
    return True


def import_page(page: LegacyPage, source_path: str, parent_slug: str = DEFAULT_PARENT_SLUG) -> ImportResult:
    """Write one parsed page. Call inside a transaction (import_file does)."""
    result = ImportResult(path=source_path, status=UNCHANGED)
    booklet, booklet_created, booklet_changed = _write_booklet(page, parent_slug)
    result.booklet = booklet
    if booklet_changed and not booklet_created:
        result.notes.append("booklet updated")

    section = _find_child(_children(booklet), page.section_title)
    section_created = section is None or (not section.live and not LegacySource.objects.filter(page=section).exists())
    if section is None:
        section = BookletSectionPage(
            title=page.section_title, slug=_unique_slug(booklet, page.section_title, "section"), live=False
        )
        booklet.add_child(instance=section)
    result.section = section

    placeholders = _add_placeholders(booklet, page.contents)
    if placeholders:
        result.notes.append(f"{len(placeholders)} placeholder section(s) for contents not imported yet")
    reordered = _reorder(booklet, page.contents)
    if reordered:
        result.notes.append("sections put in contents order")
    section.refresh_from_db()

    targets = LinkTargets()
    targets.add_section(section.pk, page.section_title, booklet.pk)
    source = LegacySource.objects.filter(page=section).first()
    body = resolve_links(page.body_source, booklet.pk, targets, source.resolved_links if source else None)
    new_blocks = [("paragraph", body.html)]
    section_changed = not section.live or section.title != page.section_title or _body_blocks(section) != new_blocks
    if section_changed:
        section.title = page.section_title
        section.body = [("paragraph", RichText(body.html))]
        _publish(section)
    source_changed = _save_source(section, source_path, page, body)
    if body.unresolved:
        result.notes.append("links not resolved yet: " + ", ".join(body.unresolved))

    result.links_resolved_elsewhere = resolve_pending_links()
    if booklet_created or section_created:
        result.status = CREATED
    elif booklet_changed or section_changed or placeholders or reordered:
        result.status = UPDATED
    elif source_changed:
        result.status = UNCHANGED
        result.notes.append("source record updated")
    return result


def resolve_pending_links() -> int:
    """Look again at every imported section with unresolved links; publish those that now resolve more.

    Returns how many sections were updated.
    """
    pending = list(LegacySource.objects.exclude(unresolved_links=[]).select_related("page"))
    if not pending:
        return 0
    targets = LinkTargets()
    updated = 0
    for source in pending:
        section = source.page.specific
        if not isinstance(section, BookletSectionPage):
            continue
        body = resolve_links(source.body_source, targets.booklet_of(section), targets, source.resolved_links)
        if body.unresolved == source.unresolved_links:
            continue
        if _body_blocks(section) != [("paragraph", body.html)]:
            section.body = [("paragraph", RichText(body.html))]
            _publish(section)
            updated += 1
        source.resolved_links = body.resolved
        source.unresolved_links = body.unresolved
        source.save(update_fields=["resolved_links", "unresolved_links", "imported_at"])
    return updated


def import_file(path: Path, parent_slug: str = DEFAULT_PARENT_SLUG, encoding: str | None = None) -> ImportResult:
    """Parse and write one file in one transaction; a failure is returned with its reason, nothing written."""
    shown = str(path)
    try:
        parsed = read_file(path, encoding)
        with transaction.atomic():
            result = import_page(parsed, str(path.resolve()), parent_slug)
        result.path = shown
        return result
    except (LegacyParseError, ImportFailure) as error:
        return ImportResult(path=shown, status=FAILED, reason=str(error))
    except ValidationError as error:
        return ImportResult(
            path=shown, status=FAILED, reason="the page would not be valid: " + "; ".join(error.messages)
        )
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the others
        logger.exception("Unexpected error importing %s", path)
        return ImportResult(path=shown, status=FAILED, reason=f"unexpected error ({type(error).__name__}: {error})")


def import_paths(
    paths: Iterable[str | Path],
    parent_slug: str = DEFAULT_PARENT_SLUG,
    encoding: str | None = None,
    on_result: Callable[[ImportResult], None] | None = None,
) -> list[ImportResult]:
    results = []
    for path, problem in page_files(paths):
        if problem:
            result = ImportResult(path=str(path), status=FAILED, reason=problem)
        else:
            result = import_file(path, parent_slug, encoding)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results


def summary(results: list[ImportResult]) -> dict[str, int]:
    counts = {status: 0 for status in STATUSES}
    for result in results:
        counts[result.status] += 1
    return counts
