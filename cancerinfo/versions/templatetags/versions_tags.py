"""{% audience_switch page %}: the one "For patients / For health professionals" switch of booklets and questions."""

from django import template

from cancerinfo.core.invalidation import tree
from cancerinfo.core.page_cache import depends_on

from ..services import switch_targets

register = template.Library()


@register.inclusion_tag("versions/audience_switch.html", takes_context=True)
def audience_switch(context, page, within=None):
    """Shows nothing when the page has no live version. `within`: the versioned page a section belongs to."""
    targets = switch_targets(page, within)
    for target in targets:
        if not target.current:
            depends_on(context.get("request"), tree(target.url))  # the other version's sections, as they are now
    return {"targets": targets if len(targets) > 1 else []}
