"""Rendered pieces of pages (a booklet's contents list, the related questions box) kept in the cache until content
changes, so readers the page cache cannot serve (signed in, or with a basket in their session) still get them
without the queries and rendering behind them.

Keys carry the page cache's content version (page_cache.py): publishing, unpublishing, moving a page or saving any
content model moves every fragment to a new key at once. Previews are never cached: a draft's fragments may differ
from the published page's.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .page_cache import content_version


def fragment_key(request, name: str, *parts) -> str:
    host = request.get_host() if request is not None else ""
    vary = hashlib.sha1(repr((host, *parts)).encode(), usedforsecurity=False).hexdigest()[:20]
    return f"fragment:{content_version()}:{name}:{vary}"


def render_fragment(request, name: str, parts: tuple, template: str, context_factory) -> str:
    """The template rendered with context_factory()'s context, from the cache when it is there. context_factory is
    only called on a miss, so the queries behind the fragment run once per content version."""
    seconds = getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)
    if not seconds or getattr(request, "is_preview", False):
        return _render(request, template, context_factory)
    key = fragment_key(request, name, *parts)
    html = cache.get(key)
    if html is None:
        html = _render(request, template, context_factory)
        cache.set(key, str(html), seconds)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when it was rendered


def _render(request, template: str, context_factory) -> str:
    # A plain context with the request in it (for {% pageurl %}): context processors already ran for the page.
    return render_to_string(template, {**context_factory(), "request": request})
