"""The booklet's contents list, beside every section: a fragment kept until content changes (delivery/fragments.py)."""

from django import template

from cancerinfo.delivery.fragments import render_fragment
from cancerinfo.delivery.invalidation import tree_of

register = template.Library()


@register.simple_tag(takes_context=True)
def booklet_contents(context, booklet, sections, current):
    """{% booklet_contents booklet sections page %}: the numbered sections with the current one marked."""
    return render_fragment(
        context.get("request"),
        "booklet-contents",
        (booklet.pk, current.pk, booklet.url_path),
        "booklets/_contents.html",
        lambda: {"booklet": booklet, "sections": sections, "page": current},
        depends_on=(tree_of(booklet),),
    )
