"""Published pages kept rendered in the database, by address.

Rendering a booklet section means routing down the tree, loading the page as its own type, rendering its blocks,
glossary links, contents list and boxes: work that changes only when content is published. The first time a page
is rendered for a reader (or warmed after a publish, delivery/tasks.py), what that reader was sent is kept in
StoredRendering, and later readers get it with one query: no routing, no blocks, no boxes. It lives in the database,
so no cache eviction loses it and every app server shares it.

- What differs per request is a *hole* ({% hole "name" %}): the helpline's "Open now", an editor's userbar. The
  stored copy keeps a marker in its place, and each reader gets it rendered fresh.
- A copy is served only by the release of the code that made it (delivery/release.py), while every version it was
  built from is unchanged (delivery/versions.py, the versions the page cache uses), until `expires_at`
  (settings.STORED_RENDERING_SECONDS, and never past midnight: reviews fall due by the day), and never for a page
  in a private area.
- Only a page rendered for a reader with no session and no cookie is kept, and only if rendering it read no session
  or user, set no cookie, carried no CSRF token and the view set no Cache-Control of its own. So a copy is the same
  for every reader, and readers with a basket or a session, and editors, are served it too.
- A page whose every part that reads the query string is a hole (the trial finder: its form and results) says so
  with `query_in_holes(request)`. Its kept copy then answers that address with any query string, the holes
  filling in what the query asks for. Each process learns these addresses from the copies it keeps or serves;
  until then, and for every other page, a request with a query string is rendered in full and never kept.
"""

import datetime
import logging
import re
import secrets
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html

from . import invalidation, page_cache, versions
from .context_processors import site_and_settings
from .middleware import shareable
from .page_cache import depends_on, limit_cache_lifetime
from .release import release
from .restrictions import in_private_area

logger = logging.getLogger(__name__)

_holes: dict[str, Callable[[dict], str]] = {}
# (site id, path) of kept copies that answer any query string (see query_in_holes); a set per process.
_query_paths: set[tuple[int, str]] = set()
_lifetimes: dict[str, Callable[[], float | None]] = {}
NOT_STORED_HEADERS = page_cache.NOT_STORED_HEADERS | {"vary"}  # Vary is added on the way out, as on a fresh page


def register_hole(name: str, render: Callable[[dict], str], changes_in: Callable[[], float | None] | None = None):
    """Apps name the parts of the page chrome that differ per request; render(context) returns safe HTML.
    changes_in() says how many seconds what the hole shows stays true (the helpline opens or closes at a known
    time), or None for no limit: no cache keeps a response that shows it for longer. Templates only place holes;
    this declaration is what decides the lifetime."""
    _holes[name] = render
    if changes_in is None:
        _lifetimes.pop(name, None)
    else:
        _lifetimes[name] = changes_in


def render_hole(name: str, context) -> str:
    render = _holes.get(name)
    if render is None:
        return ""
    changes_in = _lifetimes.get(name)
    # Asked before rendering: what is rendered a moment later is true at least as long.
    seconds = changes_in() if changes_in is not None else None
    if seconds is not None:
        limit_cache_lifetime(context.get("request"), seconds)
    return render(context)


def hole(context, name: str) -> str:
    """The {% hole %} tag: the part rendered now, marked when this render is being kept."""
    request = context.get("request")
    marker = getattr(request, "rendering_marker", None)
    if marker is None:
        return render_hole(name, context)
    # A hole's own lifetime (the helpline changes at 5pm) limits this response, not the kept copy; and a hole may
    # read the user (the userbar) without making the rest of the page personal.
    before = getattr(request, "cache_lifetime_limit", None)
    session = getattr(request, "session", None)
    accessed = session.accessed if session is not None else None
    html = render_hole(name, context)
    if session is not None:
        session.accessed = accessed
    after = getattr(request, "cache_lifetime_limit", None)
    if after is not None and after != before:
        held = getattr(request, "hole_lifetime_limit", None)
        request.hole_lifetime_limit = after if held is None else min(held, after)
        request.cache_lifetime_limit = before
    return format_html("<!--{}:{}-->{}<!--{}-->", marker, name, html, marker)


def editor_bar(context) -> str:
    """Links for a signed-in editor: edit this page, its history, the admin. Wagtail's own userbar checks page
    permissions with several queries on every page; the admin checks them anyway when the link is followed."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        return ""
    page = context.get("page")
    page_id = page.pk if getattr(page, "pk", None) else context.get("page_id")
    return render_to_string("includes/editor_bar.html", {"page_id": page_id})


def query_in_holes(request) -> None:
    """Called by a view whose page reads the query string only inside holes: one kept copy serves every query."""
    request.query_in_holes = True


def keep_like_page(request, page) -> None:
    """Called by a view that is not a page (the search page): its rendering may be kept as a page's is, under this
    page (the site's home), whose privacy and publication it shares."""
    request.served_page = page


def _eligible(request) -> bool:
    return (
        settings.STORED_RENDERING
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(tuple(settings.STORED_RENDERING_EXCLUDE_PREFIXES))
    )


KEPT_FIELDS = (
    "page_id",
    "page_path",
    "html",
    "marker",
    "content_type",
    "headers",
    "built_from",
    "expires_at",
    "answers_any_query",
    "release",
)
_kept_statement: dict[str, tuple] = {}  # alias -> (SQL, its compiler, which parameter is the site): compiled once


def _kept_rows(site_id: int, path: str) -> list[dict]:
    """The kept copy of this address as a dict of KEPT_FIELDS, or nothing. Every page a reader asks for runs this
    query: Django's ORM took a quarter of a millisecond to build and compile it each time, so it is compiled once
    and rerun with this address, its columns read through the compiler's own converters (JSON, dates)."""
    from .models import StoredRendering

    alias = StoredRendering.objects.db
    statement = _kept_statement.get(alias)
    if statement is None:
        values = StoredRendering.objects.filter(site_id=-1, path="-").values(*KEPT_FIELDS)[:1]
        compiler = values.query.get_compiler(alias)
        sql, params = compiler.as_sql()
        if sorted(map(str, params)) != ["-", "-1"]:  # not the shape expected: the ORM's own way, every time
            return list(StoredRendering.objects.filter(site_id=site_id, path=path).values(*KEPT_FIELDS)[:1])
        statement = _kept_statement[alias] = (sql, compiler, [param == -1 for param in params])
    sql, compiler, is_site = statement
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [site_id if site else path for site in is_site])
        fetched = cursor.fetchall()
    return [dict(zip(KEPT_FIELDS, row, strict=True)) for row in compiler.results_iter([fetched])]


def current(site_id: int, path: str) -> dict | None:
    """The kept copy of this address if it can be served now (one query)."""
    rows = _kept_rows(site_id, path)
    if not rows:
        return None
    row = rows[0]
    if row["expires_at"] <= timezone.now() or in_private_area(row["page_path"]):
        return None
    if row["release"] != release():  # drawn by the code before a deploy
        return None
    if versions.get_many(row["built_from"]) != row["built_from"]:
        return None
    return row


def serve(request, row: dict) -> HttpResponse:
    context = {"request": request, "page_id": row["page_id"]}
    html = re.sub(rf"<!--{row['marker']}:(\w+)-->", lambda match: str(render_hole(match[1], context)), row["html"])
    response = HttpResponse(html, content_type=row["content_type"])
    for name, value in row["headers"]:
        response[name] = value
    depends_on(request, *row["built_from"])  # read in current(): this request's snapshot answers
    limit_cache_lifetime(request, (row["expires_at"] - timezone.now()).total_seconds())
    response["X-Rendering"] = "stored"
    return response


def _expiry(now: datetime.datetime) -> datetime.datetime:
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    midnight = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time()))
    limit = now + datetime.timedelta(seconds=settings.STORED_RENDERING_SECONDS)
    return min(midnight, limit)


def _keepable(request, response) -> bool:
    page = getattr(request, "served_page", None)
    session = getattr(request, "session", None)
    if page is None or response.status_code != 200 or response.streaming or response.cookies:
        return False
    if session is not None and session.accessed:  # the page read the session or the user: it is personal
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or response.has_header("Cache-Control"):
        return False
    if "text/html" not in response.get("Content-Type", "") or getattr(request, "is_preview", False):
        return False
    if not page.live or page.alias_of_id or in_private_area(page.path):
        return False
    return shareable(request, response)


def keep(request, response, site_id: int, html: str) -> None:
    """Store what this reader was sent, holes marked, under the versions it was built from."""
    from .models import StoredRendering

    now = timezone.now()
    page = request.served_page
    fields = {
        "page_id": page.pk,
        "page_path": page.path,
        "html": html,
        "marker": request.rendering_marker,
        "content_type": response["Content-Type"],
        "headers": [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS],
        "built_from": dict(getattr(request, "cache_dependencies", {})),
        "answers_any_query": getattr(request, "query_in_holes", False),
        "release": release(),
        "rendered_at": now,
        "expires_at": _expiry(now),
    }
    try:
        with transaction.atomic():
            # update() and bulk_create() send no signals: keeping a copy changes nothing readers see.
            if not StoredRendering.objects.filter(site_id=site_id, path=request.path).update(**fields):
                StoredRendering.objects.bulk_create(
                    [StoredRendering(site_id=site_id, path=request.path, **fields)], ignore_conflicts=True
                )
    except DatabaseError:  # a busy or read-only database: the reader has the page, the next one renders it again
        logger.warning("Could not keep the rendering of %s", request.path, exc_info=True)


def _unmark(html: str, marker: str) -> tuple[str, str]:
    """(what the reader is sent, what is kept): the holes' content, or their markers."""
    pattern = re.compile(rf"<!--{marker}:(\w+)-->(.*?)<!--{marker}-->", re.S)
    sent = pattern.sub(lambda match: match[2], html)
    kept = pattern.sub(lambda match: f"<!--{marker}:{match[1]}-->", html)
    return sent, kept


class StoredRenderingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible(request):
            return self.get_response(request)
        site = site_and_settings(request)[0]  # from the cache when it is there
        if site is None:
            return self.get_response(request)
        address = (site.pk, request.path)
        with_query = bool(request.META.get("QUERY_STRING"))
        if not with_query or address in _query_paths:
            row = current(site.pk, request.path)
            if row is not None and (row["answers_any_query"] or not with_query):
                if row["answers_any_query"]:
                    _query_paths.add(address)
                return serve(request, row)
            _query_paths.discard(address)  # rendered afresh below: its view says again whether it may be
        # Read before rendering: a change while the page renders leaves the kept copy already out of date.
        depends_on(request, *invalidation.path_versions(request.path))
        request.rendering_marker = marker = secrets.token_hex(8)
        response = self.get_response(request)
        if response.streaming or "text/html" not in response.get("Content-Type", ""):
            return response
        charset = response.charset or "utf-8"
        sent, kept = _unmark(response.content.decode(charset), marker)
        response.content = sent.encode(charset)
        answers_any_query = getattr(request, "query_in_holes", False)
        if (answers_any_query or not with_query) and _keepable(request, response):
            keep(request, response, site.pk, kept)
            if answers_any_query:
                _query_paths.add(address)
        held = getattr(request, "hole_lifetime_limit", None)
        if held is not None:
            limit_cache_lifetime(request, held)
        return response
