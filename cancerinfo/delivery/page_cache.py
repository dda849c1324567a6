"""Rendered pages for anonymous readers, kept in Django's cache until what they show changes.

A reader without a session cookie asking for a page that was marked public (see middleware.CacheHeadersMiddleware)
gets the stored bytes without touching the database. Each stored page carries the versions it was built from
(delivery/versions.py): its own address and those above it, "content" (settings and snippets every page shows), and
whatever the boxes on it said they read (`depends_on`). A page is served only while all of them are unchanged, so
a publish drops exactly the pages that show what changed (delivery/invalidation.py), on every app server at once.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from . import invalidation, versions
from .release import release

NOT_STORED_HEADERS = {"content-type", "cache-control", "content-length", "set-cookie", "date", "x-page-cache"}


def content_version() -> str:
    """The version of what every page shows (settings, snippets): fragments and search labels key on it."""
    return versions.get(versions.CONTENT)


def content_changed(**kwargs) -> None:
    """Something every page can show changed (a bulk import, a bulk action): rebuild every page."""
    versions.bump(versions.CONTENT, versions.PAGES)


def depends_on(request, *names: str) -> None:
    """This request's page shows what these versions cover: a stored copy is served only while they are unchanged."""
    if request is None:
        return
    found = getattr(request, "cache_dependencies", None)
    if found is None:
        found = request.cache_dependencies = {}
    found.update(versions.get_many(names))


def connect_signals() -> None:
    invalidation.connect()


def limit_cache_lifetime(request, seconds: float) -> None:
    """Something on this page changes in `seconds` (e.g. the helpline's "Open now"): no cache may keep it longer."""
    if request is None:
        return
    seconds = max(0, int(seconds))
    current = getattr(request, "cache_lifetime_limit", None)
    request.cache_lifetime_limit = seconds if current is None else min(current, seconds)


def lifetime(request, default: int) -> int:
    limit = getattr(request, "cache_lifetime_limit", None)
    return default if limit is None else min(default, limit)


def cache_key(request) -> str | None:
    """The key for this request, or None when it must not be answered from or stored in the page cache."""
    if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:  # staff, baskets, forms in progress
        return None
    if request.path.startswith(tuple(settings.PAGE_CACHE_EXCLUDE_PREFIXES)):
        return None
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page-cache:{release()}:{digest}"  # a deploy's new templates never get an older release's page


def _still_current(stored: dict) -> bool:
    built_from = stored.get("versions")
    return bool(built_from) and versions.get_many(built_from) == built_from


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request)
        if key is not None:
            stored = cache.get(key)
            if stored is not None and _still_current(stored):
                response = HttpResponse(stored["content"], content_type=stored["content_type"])
                response["Cache-Control"] = stored["cache_control"]
                for name, value in stored.get("headers", ()):
                    response[name] = value
                response["X-Page-Cache"] = "hit"
                # The security headers are added on the way out by the middlewares outside this one, as on a
                # fresh page (delivery/headers.py).
                return response
            # Read before rendering: a change while the page renders leaves the copy already out of date.
            depends_on(request, *invalidation.path_versions(request.path))
        response = self.get_response(request)
        seconds = lifetime(request, settings.PAGE_CACHE_SECONDS)
        if (
            key is not None
            and seconds > 0
            and response.status_code == 200
            and not response.streaming
            and "public" in response.get("Cache-Control", "")
            and not response.cookies
        ):
            cache.set(
                key,
                {
                    "content": response.content,
                    "content_type": response["Content-Type"],
                    "cache_control": response["Cache-Control"],
                    # Whatever else the view and the inner middlewares said (Vary, X-Robots-Tag...).
                    "headers": [
                        (name, value) for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS
                    ],
                    "versions": dict(request.cache_dependencies),
                },
                seconds,
            )
            response["X-Page-Cache"] = "miss"
        return response
