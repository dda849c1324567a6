"""{% medical_web_page page %}: the page's schema.org MedicalWebPage JSON-LD (api/structured_data.py)."""

from django import template
from django.utils.safestring import mark_safe

from ..structured_data import json_ld_script
from ..structured_data import medical_web_page as build

register = template.Library()


@register.simple_tag(takes_context=True)
def medical_web_page(context, page):
    if page is None or not getattr(page, "pk", None):
        return ""
    request = context.get("request")
    term = context.get("term")
    settings = context.get("site_settings")
    organisation = getattr(settings, "charity_name", "") or "CancerInfo"
    if term is not None and hasattr(term, "definition"):
        url = request.build_absolute_uri(request.path) if request is not None else ""
    else:
        url = page.get_full_url(request=request) or ""
        term = None
    # A question's context holds its terms already, as (term, address) pairs.
    pairs = context.get("cancer_types")
    cancer_types = [pair[0] for pair in pairs] if pairs and isinstance(pairs[0], tuple) else None
    base_url = f"{request.scheme}://{request.get_host()}" if request is not None else ""
    data = build(
        page, url, organisation, booklet=context.get("booklet"), cancer_types=cancer_types, term=term,
        base_url=base_url,
    )  # fmt: skip
    return mark_safe(f'<script type="application/ld+json">{json_ld_script(data)}</script>')  # noqa: S308 - escaped
