"""Rendered pieces of pages (a booklet's contents list, the related questions box) kept in the cache until content
changes, so readers the page cache cannot serve (signed in, or with a basket in their session) still get them
without the queries and rendering behind them.

Keys carry the versions of what the fragment shows (delivery/versions.py): "content" always, and what the caller names
(a booklet's contents list: the booklet's addresses; related questions: every question). The page the fragment is on
depends on them too, so its stored copy goes with it. Previews are never cached: a draft's fragments may differ
from the published page's.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from . import versions
from .page_cache import depends_on as page_depends_on
from .release import release


def fragment_key(request, name: str, *parts, depends_on=(versions.PAGES,)) -> str:
    host = request.get_host() if request is not None else ""
    tokens = versions.get_many([versions.CONTENT, *depends_on])
    vary = hashlib.sha1(repr((release(), host, tokens, *parts)).encode(), usedforsecurity=False).hexdigest()[:24]
    return f"fragment:{name}:{vary}"


def render_fragment(
    request, name: str, parts: tuple, template: str, context_factory, depends_on=(versions.PAGES,)
) -> str:
    """The template rendered with context_factory()'s context, from the cache when it is there. context_factory is
    only called on a miss, so the queries behind the fragment run once per version of what it shows."""
    page_depends_on(request, *depends_on)
    seconds = getattr(settings, "FRAGMENT_CACHE_SECONDS", 0)
    if not seconds or getattr(request, "is_preview", False):
        return _render(request, template, context_factory)
    key = fragment_key(request, name, *parts, depends_on=depends_on)
    html = cache.get(key)
    if html is None:
        html = _render(request, template, context_factory)
        cache.set(key, str(html), seconds)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when it was rendered


def _render(request, template: str, context_factory) -> str:
    # A plain context with the request in it (for {% pageurl %}): context processors already ran for the page.
    return render_to_string(template, {**context_factory(), "request": request})
