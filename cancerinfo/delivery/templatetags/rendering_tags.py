"""{% hole "name" %}: a part of the page chrome that differs per request (delivery/rendering.py)."""

from django import template

from .. import rendering

register = template.Library()


@register.simple_tag(takes_context=True)
def hole(context, name):
    return rendering.hole(context, name)
