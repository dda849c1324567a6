"""What the glossary gives the site search: its A–Z page, and each term at its own address."""

from cancerinfo.search.registry import Document, page_document, register_kind, register_source

from .models import GlossaryIndexPage, Term

# A definition, not an answer: after the pages that answer the question, unless the question is what a word means.
register_kind(
    "glossary",
    "Glossary",
    prior=0.75,
    order=40,
    intent=["what is", "what are", "what does", "mean", "meaning", "definition", "define", "glossary", "dictionary"],
)


@register_source("glossary", watch=["glossary.Term"], page_types=["glossary.GlossaryIndexPage"])
def documents():
    index = GlossaryIndexPage.objects.live().public().first()
    if index is None:
        return
    yield page_document(index)
    for term in Term.objects.all().only("id", "term", "slug", "definition", "other_names", "updated_at"):
        yield Document(
            key=f"glossary:{term.pk}",
            kind="glossary",
            title=term.term,
            url=index.term_url(term),
            body=term.definition,
            summary=term.definition,
            keywords=term.other_names,
            parent="Glossary",
            parent_url=index.url,
        )
