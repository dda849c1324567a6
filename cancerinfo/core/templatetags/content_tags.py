"""Render a page's StreamField and pass the HTML through the site's content processors (e.g. glossary linking)."""

from functools import cache

from django import template
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe

register = template.Library()


@cache
def content_processors() -> tuple:
    """Callables named in settings.CONTENT_HTML_PROCESSORS: processor(html, page=..., request=...) -> html."""
    return tuple(import_string(path) for path in getattr(settings, "CONTENT_HTML_PROCESSORS", []))


@register.simple_tag(takes_context=True)
def render_content(context, stream, page=None):
    html = stream.render_as_block(context=context.flatten())
    for processor in content_processors():
        html = processor(str(html), page=page, request=context.get("request"))
    return mark_safe(html)  # noqa: S308 - StreamField output is already escaped by its block templates


@register.simple_tag(takes_context=True)
def ancestors_of(context, page):
    """{% ancestors_of page as ancestors %}: the pages above this one, root first; the routing found them already
    (core/routing.py), so breadcrumbs cost no query."""
    request = context.get("request")
    found = getattr(request, "page_ancestors", None)
    if found and page is not None and found[-1].path == page.path[: -page.steplen]:
        return found
    return list(page.get_ancestors()) if page is not None else []
