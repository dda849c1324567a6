"""{% page_boxes page "aside" %}: the boxes a page shows in a region, from the apps that registered them
(core/boxes.py). Page templates load this one library instead of one per feature app."""

from django import template

from .. import boxes

register = template.Library()


@register.simple_tag(takes_context=True)
def page_boxes(context, page, region=boxes.ASIDE):
    return boxes.render_boxes(context, page, region)
