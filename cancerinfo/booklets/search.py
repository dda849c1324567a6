"""What booklets give the site search: booklets, their sections, and the page of each cancer type and treatment."""

from cancerinfo.search.registry import Document, names, page_document, register_kind, register_source, stream_text

from .models import BookletIndexPage, BookletPage, BookletSectionPage
from .services import TERM_MODELS

# A hub page: first for its name ("womb", "breast cancer"), after the answers for anything more specific
# ("womb cancer treatment").
register_kind("topic", "Cancer types and treatments", prior=0.7, order=8)
register_kind("booklet", "Booklets", prior=1.0, order=20)
register_kind("section", "Booklet sections", prior=1.0, order=30)


@register_source("booklets", page_types=["booklets.BookletPage", "booklets.BookletSectionPage"], incremental=True)
def documents(pages=None):
    booklets = {}
    for booklet in BookletPage.objects.live().public().prefetch_related("cancer_types", "treatments"):
        types_text, slugs = names(booklet.cancer_types.all())
        treatments_text, _ = names(booklet.treatments.all())
        booklets[booklet.path] = (booklet, types_text, slugs)
        if pages is not None and booklet.pk not in pages:
            continue  # still needed: its sections take its title and tags
        yield Document(
            key=f"booklet:{booklet.pk}",
            kind="booklet",
            title=booklet.title,
            url=booklet.get_url() or booklet.url_path,
            body=f"{booklet.summary} {stream_text(booklet.introduction)}",
            summary=booklet.summary,
            tags=f"{types_text} {treatments_text}",
            keywords=booklet.search_words,
            review_date=booklet.last_reviewed,
            cancer_types=slugs,
            page_id=booklet.pk,
        )
    sections = BookletSectionPage.objects.live().public().prefetch_related("topics")
    if pages is not None:
        sections = sections.filter(pk__in=pages)
    for section in sections:
        parent = booklets.get(section.path[: -BookletSectionPage.steplen])
        if parent is None:
            continue  # its booklet is a draft or private: the section is not public either
        booklet, types_text, slugs = parent
        topics_text, _ = names(section.topics.all())
        yield Document(
            key=f"section:{section.pk}",
            kind="section",
            title=section.title,
            url=section.get_url() or section.url_path,
            body=stream_text(section.body),
            tags=f"{types_text} {topics_text}",
            keywords=section.search_words,
            parent=booklet.title,
            parent_url=booklet.get_url() or booklet.url_path,
            review_date=booklet.last_reviewed,
            cancer_types=slugs,
            page_id=section.pk,
        )


def organ_name(name: str) -> list[str]:
    """People search for a cancer by the part of the body: "Bowel cancer" is also "bowel"."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in ("cancer", "cancers"):
        return [" ".join(words[:-1])]
    return []


@register_source(
    "cancer-type-pages",
    watch=["taxonomy.CancerType", "taxonomy.Treatment"],
    page_types=["booklets.BookletIndexPage"],
    incremental=True,
)
def term_pages(pages=None):
    """Each area page, and in an area grouped by cancer type or treatment, the page of each term: "womb" finds
    Womb cancer, the page that lists everything about it."""
    areas = BookletIndexPage.objects.live().public().order_by("path")
    for area in areas.filter(pk__in=pages) if pages is not None else areas:
        yield page_document(area)
        model = TERM_MODELS.get(area.group_by)
        if model is None:
            continue
        for term in model.objects.all():
            slugs = frozenset([term.slug]) if area.group_by == BookletIndexPage.GROUP_CANCER_TYPES else frozenset()
            yield Document(
                key=f"topic:{area.pk}:{term.pk}",
                kind="topic",
                title=term.name,
                url=area.term_url(term),
                body=term.summary,
                summary=term.summary,
                keywords=", ".join([*term.other_names_list, *organ_name(term.name)]),
                parent=area.title,
                parent_url=area.get_url() or area.url_path,
                cancer_types=slugs,
                page_id=area.pk,
            )
