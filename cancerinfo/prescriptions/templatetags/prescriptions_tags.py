"""The "For patients / For health professionals" switch on booklets that have a professional version."""

from django import template
from django.db.models import Q

register = template.Library()


def counterpart_booklets(booklet):
    """(patient booklet, professional booklet) when the booklet is one of a live pair, else None."""
    from ..models import ProfessionalVersion, paired_booklet_ids

    if booklet is None or not getattr(booklet, "pk", None) or booklet.pk not in paired_booklet_ids():
        return None
    link = (
        ProfessionalVersion.objects.filter(Q(patient_booklet_id=booklet.pk) | Q(professional_booklet_id=booklet.pk))
        .select_related("patient_booklet", "professional_booklet")
        .first()
    )
    if link is None or not (link.patient_booklet.live and link.professional_booklet.live):
        return None
    return link.patient_booklet, link.professional_booklet


def switch_target(page, booklet, other):
    """The same section of the other version where it exists, else the other version's landing page."""
    if page is not None and page.pk != booklet.pk:
        same = other.get_children().live().public().filter(slug=page.slug).first()
        if same is not None:
            return same.url
    return other.url


@register.inclusion_tag("includes/audience_switch.html")
def audience_switch(page, booklet=None):
    """{% audience_switch page booklet %}: the site's shared switch, which shows nothing without an other_url."""
    booklet = booklet or page
    pair = counterpart_booklets(booklet)
    if pair is None:
        return {"show": False}
    patient, professional = pair
    for_professionals = booklet.pk == professional.pk
    other = patient if for_professionals else professional
    return {
        "show": True,
        "for_professionals": for_professionals,
        "other_url": switch_target(page, booklet, other),
    }
