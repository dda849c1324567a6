"""{% audience_switch page %}: the one "For patients / For health professionals" switch of booklets and questions."""

from django import template

from ..services import switch_for

register = template.Library()


@register.inclusion_tag("versions/audience_switch.html", takes_context=True)
def audience_switch(context, page, within=None):
    """Shows nothing when the page has no live version. `within`: the versioned page a section belongs to."""
    return {"targets": switch_for(context.get("request"), page, within)}
