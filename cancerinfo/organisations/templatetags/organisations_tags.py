from django import template
from django.utils.http import urlencode

from .. import services

register = template.Library()


@register.inclusion_tag("organisations/who_can_help.html")
def who_can_help(section, booklet=None):
    """On a booklet's "Who can help" (or practical and money) section: a link to the support directory, filtered
    by the booklet's first cancer type."""
    url = services.directory_url() if services.wants_who_can_help_link(section) else None
    cancer_type = None
    if url and booklet is not None and hasattr(booklet, "cancer_types"):
        cancer_type = booklet.cancer_types.order_by("name").first()
    if url and cancer_type is not None:
        url = f"{url}?{urlencode({'cancer_type': cancer_type.slug})}"
    return {"url": url, "cancer_type": cancer_type}
