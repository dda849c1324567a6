"""Publication records for the demo booklets, and one standalone leaflet. Sample content. Safe to run again."""

import datetime

from cancerinfo.booklets.interface import BookletPage
from cancerinfo.core.demo import ensure_child

from .models import Publication, PublicationsPage

CATALOGUE_INTRODUCTION = (
    "Free booklets and leaflets about cancer, posted to you or ready to download. "
    "You can read every booklet on this website too."
)

LEAFLET = {
    "code": "CI-L001",
    "title": "Talking to our nurses: a short guide",
    "summary": "A folded leaflet for clinic waiting rooms: what our free helpline is, when it is open and what to "
    "expect when you call. Sample content.",
    "edition_date": datetime.date(2026, 6, 1),
    "standard_print": True,
    "large_print": True,
    "easy_read": True,
    "pdf": False,
    "languages": "English, Welsh",
    "stock_count": 400,
}


def _catalogue(areas) -> PublicationsPage | None:
    area = areas.get("publications")
    if isinstance(area, PublicationsPage):
        return area
    existing = PublicationsPage.objects.first()
    if existing is not None:
        return existing
    home = areas.get("home")
    if home is None:
        return None
    return ensure_child(
        home, PublicationsPage, "order-publications", "Printed publications", introduction=CATALOGUE_INTRODUCTION
    )


def load(areas, stdout) -> None:
    _catalogue(areas)
    booklets = list(BookletPage.objects.live().order_by("path"))
    for number, booklet in enumerate(booklets, start=1):
        code = f"CI-{number:04d}"
        edition = booklet.edition_date or booklet.last_reviewed or datetime.date(2026, 3, 3)
        publication, _created = Publication.objects.get_or_create(
            booklet=booklet,
            defaults={
                "code": code if not Publication.objects.filter(code=code).exists() else f"CI-B{booklet.pk}",
                "title": booklet.title,
                "edition_date": edition,
                "standard_print": True,
                "large_print": number % 2 == 1,
                "easy_read": False,
                "pdf": True,
                "languages": "English",
                # One title out of stock, so the catalogue shows how that looks.
                "stock_count": 0 if number == 2 else 250 * number,
            },
        )
    Publication.objects.get_or_create(code=LEAFLET["code"], defaults=LEAFLET)
    stdout.write(f"Publications: {Publication.objects.count()} records ({len(booklets)} booklets and a leaflet).")
