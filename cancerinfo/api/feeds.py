""" "What's changed" feeds: Atom (RFC 4287, Django's feedgenerator) and JSON Feed 1.1, site-wide and per booklet.

    /api/v1/changes.atom   /api/v1/changes.json
    /api/v1/booklets/{id}/changes.atom   /api/v1/booklets/{id}/changes.json

The entries are changes.py's (publishes of public pages only, newest first, at most 50). Like the API's answers,
a feed is kept under the version tokens: its ETag is a digest of them and the address, so If-None-Match is answered
with a 304 before anything is read, and Last-Modified is when the feed was first served under those tokens.
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from . import changes, conditional
from .reuse import terms_of_reuse

ATOM_TYPE = "application/atom+xml; charset=utf-8"
JSON_FEED_TYPE = "application/feed+json; charset=utf-8"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
TAG_DATE = "2026"  # tag: URIs (RFC 4151) name the year the site's domain was first used for them: never change it
REVISION = "1"
MAX_ID = 2_147_483_647


class ChangesAtomFeed(Atom1Feed):
    """Atom with, on each entry, a link to the item in the API (rel="related", JSON)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("api_url"):
            handler.addQuickElement("link", "", {"rel": "related", "type": "application/json", "href": item["api_url"]})


def _host(request) -> str:
    return request.get_host().split(":")[0]


def change_tag(request, change: changes.Change) -> str:
    """A stable, unique id for a change (RFC 4151 tag: URI), the same in both feeds and in webhook events."""
    return f"tag:{_host(request)},{TAG_DATE}:page/{change.page_id}/change/{change.log_id}"


def _rfc3339(moment) -> str:
    return moment.replace(microsecond=0).isoformat()


def _organisation() -> str:
    return settings.WAGTAIL_SITE_NAME


def _describe(booklet) -> tuple[str, str, str]:
    """(title, description, id suffix) of the site-wide or a booklet's feed."""
    if booklet is None:
        return (
            f"What's changed on {_organisation()}",
            "Booklets, sections and questions published or updated, newest first.",
            "changes",
        )
    return (
        f"What's changed: {booklet.title}",
        f"The booklet “{booklet.title}” and its sections, published or updated, newest first.",
        f"booklet/{booklet.pk}/changes",
    )


def atom(request, booklet, found: list[changes.Change]) -> str:
    base = conditional.base_url(request)
    title, description, suffix = _describe(booklet)
    terms = terms_of_reuse(base)
    feed = ChangesAtomFeed(
        title=title,
        link=(booklet.get_full_url(request=request) if booklet else f"{base}/") or f"{base}/",
        description=description,
        language="en-GB",
        author_name=_organisation(),
        author_link=f"{base}/",
        feed_url=request.build_absolute_uri(request.path),
        feed_guid=f"tag:{_host(request)},{TAG_DATE}:{suffix}",
        feed_copyright=f"{terms['licence']['name']} ({terms['licence']['url']}). {terms['attribution']}.",
    )
    for change in found:
        feed.add_item(
            title=change.title,
            link=change.url or change.api_url,
            description=escape(change.summary),
            unique_id=change_tag(request, change),
            pubdate=change.at,
            updateddate=change.at,
            author_name=_organisation(),
            author_link=f"{base}/",
            categories=[change.kind],
            api_url=change.api_url,
        )
    return feed.writeString("utf-8")


def json_feed(request, booklet, found: list[changes.Change]) -> str:
    base = conditional.base_url(request)
    title, description, _ = _describe(booklet)
    data = {
        "version": JSON_FEED_VERSION,
        "title": title,
        "home_page_url": (booklet.get_full_url(request=request) if booklet else f"{base}/") or f"{base}/",
        "feed_url": request.build_absolute_uri(request.path),
        "description": description,
        "language": "en-GB",
        "authors": [{"name": _organisation(), "url": f"{base}/"}],
        "_cancerinfo": {"about": f"{base}/api/", "terms": terms_of_reuse(base)},
        "items": [
            {
                "id": change_tag(request, change),
                "url": change.url or change.api_url,
                "title": change.title,
                "content_text": change.summary,
                "summary": change.summary,
                "date_published": _rfc3339(change.at),
                "date_modified": _rfc3339(change.at),
                "tags": [change.kind],
                "_cancerinfo": {"page_id": change.page_id, "type": change.kind, "api_url": change.api_url},
            }
            for change in found
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def _serve(request, content_type: str, build) -> HttpResponse:
    tokens = conditional._tokens()
    address = request.build_absolute_uri(request.path)
    etag = '"' + hashlib.sha256(f"feed{REVISION}|{tokens}|{address}".encode()).hexdigest()[:32] + '"'
    modified = conditional._first_answered(tokens)
    if conditional.not_modified(request, etag, modified):
        return conditional._headers(HttpResponseNotModified(), request, etag, modified)
    key = f"api:feed:{etag.strip(chr(34))}"
    body = cache.get(key) if settings.API_CACHE_SECONDS else None
    if body is None:
        body = build()
        if settings.API_CACHE_SECONDS:
            cache.set(key, body, settings.API_CACHE_SECONDS)
    return conditional._headers(HttpResponse(body, content_type=content_type), request, etag, modified)


def _not_found(request) -> HttpResponse:
    return conditional.error(request, 404, "Not found: it does not exist or is not published.")


def site_atom(request):
    base = conditional.base_url(request)
    return _serve(request, ATOM_TYPE, lambda: atom(request, None, changes.site_changes(request, base)))


def site_json(request):
    base = conditional.base_url(request)
    return _serve(request, JSON_FEED_TYPE, lambda: json_feed(request, None, changes.site_changes(request, base)))


def _booklet_feed(request, booklet_id: int, render, content_type: str):
    if booklet_id > MAX_ID:
        return _not_found(request)

    def build():
        booklet, found = changes.booklet_changes(booklet_id, request, conditional.base_url(request))
        return render(request, booklet, found)

    try:
        return _serve(request, content_type, build)
    except Http404:
        return _not_found(request)


def booklet_atom(request, booklet_id: int):
    return _booklet_feed(request, booklet_id, atom, ATOM_TYPE)


def booklet_json(request, booklet_id: int):
    return _booklet_feed(request, booklet_id, json_feed, JSON_FEED_TYPE)
