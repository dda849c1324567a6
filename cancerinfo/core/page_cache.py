"""Rendered pages for anonymous readers, kept in Django's cache and dropped when content changes.

A reader without a session cookie asking for a page that was marked public (see middleware.CacheHeadersMiddleware)
gets the stored bytes without touching the database. Publishing, unpublishing, moving or deleting a page, or saving
any content model, moves the cache to a new version, so nobody sees an old page after a change (with Redis, on
every app server at once; with the in-process cache, each process expires its copy within PAGE_CACHE_SECONDS).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from wagtail.signals import page_published, page_unpublished, post_page_move

from .bulk import bulk_content_changed

VERSION_KEY = "page-cache:version"
NOT_STORED_HEADERS = {"content-type", "cache-control", "content-length", "set-cookie", "date", "x-page-cache"}


def content_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, None) or 1


def content_changed(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def _content_model_saved(sender, **kwargs) -> None:
    meta = sender._meta
    if (
        meta.app_label in settings.PAGE_CACHE_CONTENT_APPS
        and meta.label_lower not in settings.PAGE_CACHE_IGNORED_MODELS
    ):
        content_changed()


def connect_signals() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"page-cache-{signal!r}")
    post_save.connect(_content_model_saved, dispatch_uid="page-cache-save")
    post_delete.connect(_content_model_saved, dispatch_uid="page-cache-delete")
    bulk_content_changed.connect(_content_model_saved, dispatch_uid="page-cache-bulk")


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
    return f"page-cache:{content_version()}:{digest}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request)
        if key is not None:
            stored = cache.get(key)
            if stored is not None:
                response = HttpResponse(stored["content"], content_type=stored["content_type"])
                response["Cache-Control"] = stored["cache_control"]
                for name, value in stored.get("headers", ()):
                    response[name] = value
                response["X-Page-Cache"] = "hit"
                # The security headers are added on the way out by the middlewares outside this one, as on a
                # fresh page (core/headers.py).
                return response
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
                },
                seconds,
            )
            response["X-Page-Cache"] = "miss"
        return response
