"""What the publications app gives the site search: the catalogue (order free booklets), and each publication."""

from cancerinfo.search.registry import Document, names, page_document, register_kind, register_source

from .models import Publication, PublicationsPage

register_kind("publication", "Publications", prior=0.8, order=60)


@register_source("publications", watch=["publications.Publication"], page_types=["publications.PublicationsPage"])
def documents():
    page = PublicationsPage.objects.live().public().first()
    if page is None:
        return
    yield page_document(page)
    for publication in Publication.objects.all().prefetch_related("cancer_types"):
        types_text, slugs = names(publication.cancer_types.all())
        yield Document(
            key=f"publication:{publication.pk}",
            kind="publication",
            title=publication.title,
            url=page.route_url("detail", code=publication.code),
            body=publication.summary,
            summary=publication.summary,
            tags=f"{types_text} {publication.code}",
            parent="Order booklets",
            parent_url=page.url,
            review_date=publication.edition_date,
            cancer_types=slugs,
        )
