from django import template
from django.utils.http import urlencode

from .. import services

register = template.Library()


@register.inclusion_tag("organisations/who_can_help.html")
def who_can_help(section, cancer_types=None):
    """On a booklet's "Who can help" (or practical and money) section: a link to the support directory."""
    url = services.directory_url() if services.wants_who_can_help_link(section) else None
    cancer_type = cancer_types[0] if cancer_types else None
    if url and cancer_type is not None:
        url = f"{url}?{urlencode({'cancer_type': cancer_type.slug})}"
    return {"url": url, "cancer_type": cancer_type}
