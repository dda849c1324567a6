"""What the health professionals area gives the site search: its page, and the information prescription builder."""

from cancerinfo.search.registry import page_document, register_source, subpage_document
from cancerinfo.versions.models import HealthProfessionalsPage

BUILDER = (
    "Make an information prescription for a patient: choose the booklets, sections and answers they need, then "
    "print it or send them the link."
)


@register_source("health-professionals", page_types=["versions.HealthProfessionalsPage"], incremental=True)
def documents(pages=None):
    areas = HealthProfessionalsPage.objects.live().public()
    for page in areas.filter(pk__in=pages) if pages is not None else areas:
        yield page_document(page)
        yield subpage_document(page, "prescription/", "Information prescriptions", BUILDER)
