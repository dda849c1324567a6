"""The booklet's contents list, beside every section (booklets/contents.py)."""

from django import template

from ..contents import contents_list

register = template.Library()


@register.simple_tag(takes_context=True)
def booklet_contents(context, booklet, sections, current):
    """{% booklet_contents booklet sections page %}: the numbered sections with the current one marked."""
    return contents_list(context.get("request"), booklet, sections, current)
