"""{% oembed_discovery page %}: the oEmbed discovery link in the head of booklet, section and glossary term pages, so
a consumer given the page's address finds how to embed it (api/embeds.py). Only on pages that can be embedded:
published, not in a private area, not a preview, and a section only while its booklet is published."""

from django import template
from django.utils.html import format_html

from ..embeds import discovery_href

register = template.Library()


def _embeddable(context, page) -> bool:
    request = context.get("request")
    if page is None or not getattr(page, "pk", None) or getattr(request, "is_preview", False):
        return False
    booklet = context.get("booklet")
    if not page.live or (booklet is not None and booklet is not page and not booklet.live):
        return False
    return not page.get_view_restrictions().exists()


@register.simple_tag(takes_context=True)
def oembed_discovery(context, page):
    if not _embeddable(context, page):
        return ""
    request = context.get("request")
    url = page.get_full_url(request=request) or ""
    title = page.title
    term = context.get("term")
    if term is not None and hasattr(term, "definition"):  # a glossary term's own page, routed below the glossary
        url, title = f"{url}{term.slug}/", term.term
    if not url:
        return ""
    return format_html(
        '<link rel="alternate" type="application/json+oembed" href="{}" title="{}">', discovery_href(url), title
    )
