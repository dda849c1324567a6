"""What the support directory gives the site search: the directory page, and each organisation in it."""

from cancerinfo.search.registry import Document, names, page_document, register_kind, register_source

from .models import Organisation, SupportDirectoryPage

register_kind("organisation", "Support organisations", prior=0.85, order=70)


@register_source(
    "organisations", watch=["organisations.Organisation"], page_types=["organisations.SupportDirectoryPage"]
)
def documents():
    directory = SupportDirectoryPage.objects.live().public().first()
    if directory is None:
        return
    yield page_document(directory)
    for organisation in Organisation.objects.filter(live=True).prefetch_related("cancer_types", "topics"):
        types_text, slugs = names(organisation.cancer_types.all())
        yield Document(
            key=f"organisation:{organisation.pk}",
            kind="organisation",
            title=organisation.name,
            url=f"{directory.url}#{organisation.slug}",
            body=organisation.summary,
            summary=organisation.summary,
            tags=types_text,
            parent="Support organisations",
            parent_url=directory.url,
            cancer_types=slugs,
        )
