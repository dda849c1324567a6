"""What has changed: the publishes of the pages the API serves, newest first, for the Atom and JSON feeds.

Each change is one "wagtail.publish" entry of Wagtail's page log, listed only while its page is public now by the
API's own rules (resources.py: live, outside private areas; a section only while its booklet is published). A page
that is withdrawn or made private drops out of the feeds with all its changes; partners that copy pages hear of
the withdrawal by webhook (api/webhooks). Titles and links are the live page's, never a draft's or the log's label
(which Wagtail writes from the draft title).

The summary is the booklet's "What's changed" note (governance's change log, reached through the booklet's
`change_log` relation) when one is dated the day of the publish, else what kind of change it was.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from wagtail.models import PageLogEntry

from . import resources

PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")
MAX_CHANGES = 50


@dataclass(frozen=True)
class Change:
    log_id: int
    page_id: int
    kind: str  # booklet, section, question
    title: str
    url: str
    api_url: str
    at: datetime
    summary: str
    booklet_title: str = ""


def _public_page_filter() -> Q:
    return (
        Q(page_id__in=resources.live_booklets().values("pk"))
        | Q(page_id__in=resources.live_sections().values("pk"))
        | Q(page_id__in=resources.live_questions().values("pk"))
    )


def _logs(page_filter: Q, limit: int) -> list:
    return list(
        PageLogEntry.objects.filter(page_filter, action__in=PUBLISH_ACTIONS)
        .order_by("-timestamp", "-pk")
        .only("pk", "page_id", "timestamp", "content_changed")[:limit]
    )


def _change_notes(booklet_ids) -> dict[tuple[int, object], str]:
    """{(booklet id, date): summary} from the booklets' "What's changed" entries, one query."""
    booklet_model, _ = resources._booklet_models()
    note_model = booklet_model._meta.get_field("change_log").related_model
    notes: dict[tuple[int, object], str] = {}
    for booklet_id, date, summary in (
        note_model.objects.filter(booklet_id__in=list(booklet_ids))
        .order_by("date", "pk")
        .values_list("booklet_id", "date", "summary")
    ):
        notes[(booklet_id, date)] = summary  # the latest entry of a day wins
    return notes


def _changes(logs: list, request, base: str) -> list[Change]:
    ids = {log.page_id for log in logs}
    pages: dict[int, tuple[str, object]] = {}
    for kind, queryset in (
        ("booklet", resources.live_booklets()),
        ("section", resources.live_sections()),
        ("question", resources.live_questions()),
    ):
        for page in queryset.filter(pk__in=ids).defer_streamfields():
            pages[page.pk] = (kind, page)
    booklet_model, _ = resources._booklet_models()
    section_booklets = {
        booklet.path: booklet
        for booklet in booklet_model.objects.filter(
            path__in={page.booklet_path for kind, page in pages.values() if kind == "section"}
        ).only("pk", "path", "title")
    }
    booklet_of = {
        pk: (page.pk if kind == "booklet" else section_booklets[page.booklet_path].pk)
        for pk, (kind, page) in pages.items()
        if kind in ("booklet", "section")
    }
    notes = _change_notes(set(booklet_of.values()))
    paths = {"booklet": "booklets", "section": "sections", "question": "questions"}
    found = []
    for log in logs:
        if log.page_id not in pages:
            continue
        kind, page = pages[log.page_id]
        day = timezone.localdate(log.timestamp)
        note = notes.get((booklet_of.get(page.pk), day), "")
        first = (
            page.first_published_at is not None and abs((log.timestamp - page.first_published_at).total_seconds()) < 2
        )
        booklet_title = section_booklets[page.booklet_path].title if kind == "section" else ""
        found.append(
            Change(
                log_id=log.pk,
                page_id=page.pk,
                kind=kind,
                title=page.title,
                url=page.get_full_url(request=request) or "",
                api_url=f"{base}{resources.API_ROOT}/{paths[kind]}/{page.pk}/",
                at=log.timestamp,
                summary=note or _what_happened(kind, first, booklet_title),
                booklet_title=booklet_title,
            )
        )
    return found


def _what_happened(kind: str, first: bool, booklet_title: str) -> str:
    done = "Published for the first time" if first else "Updated"
    if kind == "section":
        return f"{done}: a section of the booklet “{booklet_title}”."
    return f"{done}: a {kind}."


def site_changes(request, base: str, limit: int = MAX_CHANGES) -> list[Change]:
    """The newest publishes of every public booklet, section and question."""
    return _changes(_logs(_public_page_filter(), limit), request, base)


def booklet_changes(booklet_id: int, request, base: str, limit: int = MAX_CHANGES):
    """(the booklet, the newest publishes of it and its public sections); 404 unless the booklet is public."""
    booklet = resources.live_booklets().filter(pk=booklet_id).defer_streamfields().first()
    if booklet is None:
        raise Http404("Not found")
    sections = resources.sections(booklet=booklet.pk).values("pk")
    return booklet, _changes(_logs(Q(page_id=booklet.pk) | Q(page_id__in=sections), limit), request, base)
