"""Answers kept under the content's version tokens, with ETag and Last-Modified, and 304s that cost no query.

Everything the API shows is pages (the "pages" version moves on every publish, unpublish, move or deletion) or
snippets and settings (the "content" version moves on every save of one: glossary terms, trials, organisations,
cancer types...), see delivery/invalidation.py. So an answer's ETag is a digest of those two tokens and the address:
a client's If-None-Match is checked before anything is built. Last-Modified is when this API first answered under the
current tokens: never earlier than the change it reflects, so If-Modified-Since can only err towards a fresh copy.
"""

import hashlib
import json
import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe

from cancerinfo.delivery import versions

from .reuse import link_header, terms_of_reuse

# Moves when the shape of the answers changes, so clients holding an old ETag get the new shape.
REVISION = "1"
CONTENT_TYPE = "application/json"


def base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _address(request) -> str:
    query = urlencode(sorted((key, value) for key, values in request.GET.lists() for value in values))
    return f"{base_url(request)}{request.path}?{query}"


def _tokens() -> str:
    found = versions.get_many([versions.PAGES, versions.CONTENT])
    return ":".join(found.values())


# First-answered times this process has read, by tokens. Once every process agrees on a time through the cache it
# never changes, so asking the cache again on every request (two round trips) would only cost time.
_first_answered_here: dict[str, int] = {}
REMEMBERED_TOKENS = 16


def _first_answered(tokens: str) -> int:
    """When this API first answered under these tokens (seconds since the epoch), kept as long as the cache keeps it."""
    if tokens in _first_answered_here:
        return _first_answered_here[tokens]
    key = f"api:first-answered:{hashlib.sha256(tokens.encode()).hexdigest()[:24]}"
    cache.add(key, int(time.time()), None)
    stored = cache.get(key)
    if stored is None:  # the cache is down: this answer's own time, not remembered, so a later one can agree
        return int(time.time())
    if len(_first_answered_here) >= REMEMBERED_TOKENS:
        _first_answered_here.clear()  # tokens move on publish: the old ones are never asked for again
    _first_answered_here[tokens] = stored
    return stored


def _matches(if_none_match: str, etag: str) -> bool:
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
    return "*" in tags or etag in tags


def _headers(response: HttpResponse, request, etag: str | None = None, modified: int | None = None):
    base = base_url(request)
    response["Link"] = link_header(base)
    response["Access-Control-Allow-Origin"] = "*"  # read-only and anonymous: any site may call it from a browser
    response["Cache-Control"] = f"public, max-age={settings.CACHE_BROWSER_MAX_AGE}"
    if etag:
        response["ETag"] = etag
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    return response


def not_modified(request, etag: str, modified: int) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:  # RFC 9110: If-Modified-Since is ignored when If-None-Match is sent
        return _matches(if_none_match, etag)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and modified <= since


def respond(request, build: Callable[[], dict]) -> HttpResponse:
    """The JSON answer `build` makes, with the terms of reuse, from the cache when the content is unchanged; or a
    304 when the client's copy is current."""
    tokens = _tokens()
    etag = '"' + hashlib.sha256(f"{REVISION}|{tokens}|{_address(request)}".encode()).hexdigest()[:32] + '"'
    modified = _first_answered(tokens)
    if not_modified(request, etag, modified):
        return _headers(HttpResponseNotModified(), request, etag, modified)
    key = f"api:answer:{etag.strip(chr(34))}"
    content = cache.get(key) if settings.API_CACHE_SECONDS else None
    if content is None:
        data = build()
        data["terms"] = terms_of_reuse(base_url(request))
        content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
        if settings.API_CACHE_SECONDS:
            cache.set(key, content, settings.API_CACHE_SECONDS)
    return _headers(HttpResponse(content, content_type=CONTENT_TYPE), request, etag, modified)


def error(request, status: int, message: str, details: list | None = None) -> HttpResponse:
    data = {"error": {"status": status, "message": message, "details": details or []}}
    data["terms"] = terms_of_reuse(base_url(request))
    response = HttpResponse(json.dumps(data, cls=DjangoJSONEncoder), content_type=CONTENT_TYPE, status=status)
    _headers(response, request)
    response["Cache-Control"] = "no-store"
    return response
