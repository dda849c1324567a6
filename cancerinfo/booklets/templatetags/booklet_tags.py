"""The booklet's contents list, beside every section (booklets/contents.py), and a section's text on the one-page
view."""

from django import template
from django.utils.safestring import mark_safe

from cancerinfo.core.templatetags.content_tags import render_content

from ..contents import contents_list
from ..services import links_within_page

register = template.Library()


@register.simple_tag(takes_context=True)
def booklet_contents(context, booklet, sections, current):
    """{% booklet_contents booklet sections page %}: the numbered sections with the current one marked."""
    return contents_list(context.get("request"), booklet, sections, current)


@register.simple_tag(takes_context=True)
def section_on_one_page(context, section, anchors):
    """{% section_on_one_page section section_anchors %}: the section's text, its links to other sections of the
    booklet turned into jumps within the page."""
    html = render_content(context, section.body, section)
    return mark_safe(links_within_page(html, anchors))  # noqa: S308 - render_content's output, only hrefs changed
