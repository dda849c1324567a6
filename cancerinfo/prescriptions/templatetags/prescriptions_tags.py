"""The "For patients / For health professionals" switch on booklets that have a professional version."""

from functools import reduce
from operator import or_

from django import template
from django.db.models import Q
from wagtail.models import Page

from cancerinfo.delivery.invalidation import tree
from cancerinfo.delivery.page_cache import depends_on

register = template.Library()


def switch_table() -> dict:
    """For every live pair of booklets: each booklet's id -> (is it the professional one, the other one's address,
    the other one's sections' addresses by slug). Built once per process and kept until a page is published,
    unpublished, moved or deleted, or a pair changes: the switch costs no query."""
    from cancerinfo.delivery import versions

    from ..models import PAIRS_VERSION, ProfessionalVersion

    def build():
        links = [
            link
            for link in ProfessionalVersion.objects.select_related("patient_booklet", "professional_booklet")
            if link.patient_booklet.live and link.professional_booklet.live
        ]
        booklets = [b for link in links for b in (link.patient_booklet, link.professional_booklet)]
        sections: dict[str, dict[str, str]] = {b.path: {} for b in booklets}
        if booklets:
            children = (
                Page.objects.live()
                .public()
                .filter(reduce(or_, [Q(path__startswith=b.path, depth=b.depth + 1) for b in booklets]))
            )
            for child in children.only("id", "path", "depth", "slug", "url_path"):
                sections[child.path[: -child.steplen]][child.slug] = child.url
        table = {}
        for link in links:
            patient, professional = link.patient_booklet, link.professional_booklet
            table[patient.pk] = (False, professional.url, sections[professional.path])
            table[professional.pk] = (True, patient.url, sections[patient.path])
        return table

    return versions.table("audience-switch", [versions.PAGES, PAIRS_VERSION], build)


@register.inclusion_tag("includes/audience_switch.html", takes_context=True)
def audience_switch(context, page, booklet=None):
    """{% audience_switch page booklet %}: the site's shared switch, which shows nothing without an other_url. It
    leads to the same section of the other version where there is one, else to the other version's first page."""
    booklet = booklet or page
    entry = switch_table().get(getattr(booklet, "pk", None))
    if entry is None:
        return {"show": False}
    for_professionals, other_url, other_sections = entry
    depends_on(context.get("request"), tree(other_url))  # the other version's sections, as they are now
    same = other_sections.get(page.slug) if page is not None and page.pk != booklet.pk else None
    return {"show": True, "for_professionals": for_professionals, "other_url": same or other_url}
