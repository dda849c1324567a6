"""Where a booklet's "Order or download" link goes: the catalogue page and each booklet's latest publication."""

from cancerinfo.delivery import versions

from . import models


def links_table() -> dict:
    """The catalogue page and each booklet's latest publication, per process, until a page is published (or
    unpublished, moved, deleted) or a publication changes: the link on every booklet page costs no query."""

    def build():
        latest = {}
        for publication in models.Publication.objects.exclude(booklet_id=None).order_by("booklet_id", "-edition_date"):
            latest.setdefault(publication.booklet_id, publication)
        return {"catalogue": models.PublicationsPage.objects.live().first(), "latest": latest}

    return versions.table("publication-links", [versions.PAGES, models.PUBLICATIONS_VERSION], build)


def catalogue_page():
    return links_table()["catalogue"]
