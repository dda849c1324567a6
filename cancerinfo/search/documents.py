"""Everything the site search covers, read from each app as it exists, as plain documents.

Each source is guarded: an app that is not installed (or not migrated yet) simply contributes nothing. Pages come
from ``Page.objects.live().public()`` only, so drafts and private pages never reach the index.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.db import DatabaseError

from .text import strip_html

logger = logging.getLogger(__name__)

# The content types people can filter by, in the order the page lists them.
KINDS: dict[str, str] = {
    "question": "Questions and answers",
    "booklet": "Booklets",
    "section": "Booklet sections",
    "glossary": "Glossary",
    "trial": "Clinical trials",
    "publication": "Publications",
    "organisation": "Support organisations",
}

# How much a match in each content type is worth against the same match elsewhere. People who search mostly want
# information pages; trials and the catalogue have finders of their own (see docs/search.md).
KIND_PRIOR: dict[str, float] = {
    "question": 1.0,
    "booklet": 1.0,
    "section": 1.0,
    "glossary": 0.9,
    "trial": 0.75,
    "publication": 0.8,
    "organisation": 0.85,
}


@dataclass
class Document:
    key: str
    kind: str
    title: str
    url: str
    body: str = ""
    tags: str = ""  # cancer types, treatments, topics: curated words about the document
    parent: str = ""  # the booklet a section belongs to
    parent_url: str = ""
    review_date: datetime.date | None = None
    cancer_types: frozenset[str] = field(default_factory=frozenset)
    page_id: int | None = None
    source_qid: str = ""
    summary: str = ""

    @property
    def embed_text(self) -> str:
        """What the sentence model reads: the title, the curated words, then the start of the text."""
        return f"{self.title}. {self.summary or self.body[:1200]}"


def stream_text(value) -> str:
    """All the words in a StreamField's raw data, without markup."""
    parts: list[str] = []

    def walk(node) -> None:
        if isinstance(node, str):
            parts.append(node)
        elif isinstance(node, dict):
            for key, item in node.items():
                if key not in ("id", "type", "image", "page", "document", "url", "link", "alt_text"):
                    walk(item)
        elif isinstance(node, list | tuple):
            for item in node:
                walk(item)

    raw = getattr(value, "raw_data", value)
    try:
        walk(list(raw))
    except TypeError:
        walk(raw)
    return strip_html(" ".join(parts))


def _installed(label: str) -> bool:
    return apps.is_installed(f"cancerinfo.{label}")


def _names(objects) -> tuple[str, frozenset[str]]:
    words = []
    slugs = set()
    for obj in objects:
        words.append(obj.name)
        other = getattr(obj, "other_names", "")
        if other:
            words.append(other.replace(",", " "))
        if hasattr(obj, "slug") and obj.__class__.__name__ == "CancerType":
            slugs.add(obj.slug)
    return " ".join(words), frozenset(slugs)


def _questions() -> Iterator[Document]:
    from cancerinfo.questions.models import QuestionPage

    pages = (
        QuestionPage.objects.live()
        .public()
        .prefetch_related("cancer_types", "topics", "treatments")
        .only(
            "id",
            "title",
            "url_path",
            "short_answer",
            "detail",
            "professional_answer",
            "professional_detail",
            "last_reviewed",
            "source_qid",
            "path",
            "depth",
        )
    )
    for page in pages:
        types_text, slugs = _names(page.cancer_types.all())
        topics_text, _ = _names(list(page.topics.all()) + list(page.treatments.all()))
        short = strip_html(page.short_answer or "")
        yield Document(
            key=f"question:{page.pk}",
            kind="question",
            title=page.title,
            url=page.get_url() or page.url_path,
            body=f"{short} {stream_text(page.detail)}",
            summary=short,
            tags=f"{types_text} {topics_text}",
            review_date=page.last_reviewed,
            cancer_types=slugs,
            page_id=page.pk,
            source_qid=page.source_qid or "",
        )
        if page.has_professional_version:
            # Its own result, so a nurse searching in clinical words finds the version written for them.
            professional_short = strip_html(page.professional_answer or "")
            yield Document(
                key=f"question-professional:{page.pk}",
                kind="question",
                title=f"{page.title} (for health professionals)",
                url=page.professional_url() or f"{page.url_path}for-health-professionals/",
                body=f"{professional_short} {stream_text(page.professional_detail)}",
                summary=professional_short,
                tags=f"{types_text} {topics_text}",
                review_date=page.last_reviewed,
                cancer_types=slugs,
                page_id=page.pk,
            )


def _booklets() -> Iterator[Document]:
    from cancerinfo.booklets.models import BookletPage, BookletSectionPage

    booklets = {}
    for booklet in BookletPage.objects.live().public().prefetch_related("cancer_types", "treatments"):
        types_text, slugs = _names(booklet.cancer_types.all())
        treatments_text, _ = _names(booklet.treatments.all())
        booklets[booklet.path] = (booklet, types_text, slugs)
        yield Document(
            key=f"booklet:{booklet.pk}",
            kind="booklet",
            title=booklet.title,
            url=booklet.get_url() or booklet.url_path,
            body=f"{booklet.summary} {stream_text(booklet.introduction)}",
            summary=booklet.summary,
            tags=f"{types_text} {treatments_text}",
            review_date=booklet.last_reviewed,
            cancer_types=slugs,
            page_id=booklet.pk,
        )
    sections = BookletSectionPage.objects.live().public().prefetch_related("topics")
    for section in sections:
        parent = booklets.get(section.path[: -BookletSectionPage.steplen])
        if parent is None:
            continue  # its booklet is a draft or private: the section is not public either
        booklet, types_text, slugs = parent
        topics_text, _ = _names(section.topics.all())
        yield Document(
            key=f"section:{section.pk}",
            kind="section",
            title=section.title,
            url=section.get_url() or section.url_path,
            body=stream_text(section.body),
            tags=f"{types_text} {topics_text}",
            parent=booklet.title,
            parent_url=booklet.get_url() or booklet.url_path,
            review_date=booklet.last_reviewed,
            cancer_types=slugs,
            page_id=section.pk,
        )


def _glossary() -> Iterator[Document]:
    from cancerinfo.glossary.models import GlossaryIndexPage, Term

    index = GlossaryIndexPage.objects.live().public().first()
    if index is None:
        return
    for term in Term.objects.all().only("id", "term", "slug", "definition", "other_names", "updated_at"):
        yield Document(
            key=f"glossary:{term.pk}",
            kind="glossary",
            title=term.term,
            url=index.term_url(term),
            body=term.definition,
            summary=term.definition,
            tags=term.other_names.replace(",", " "),
            parent="Glossary",
            parent_url=index.url,
        )


def _trials() -> Iterator[Document]:
    from cancerinfo.trials.models import Trial, TrialFinderPage

    finder = TrialFinderPage.objects.live().public().first()
    if finder is None:
        return
    for trial in Trial.objects.filter(is_cancer_trial=True).prefetch_related("cancer_types"):
        types_text, slugs = _names(trial.cancer_types.all())
        summary = trial.plain_summary or trial.registry_summary
        yield Document(
            key=f"trial:{trial.pk}",
            kind="trial",
            title=trial.plain_title or trial.title,
            url=finder.trial_url(trial),
            body=f"{summary} {trial.conditions} {trial.interventions}",
            summary=summary[:600],
            tags=f"{types_text} {trial.registry_id}",
            parent="Clinical trials",
            parent_url=finder.url,
            review_date=trial.last_updated,
            cancer_types=slugs,
        )


def _publications() -> Iterator[Document]:
    from cancerinfo.publications.models import PublicationsPage

    page = PublicationsPage.objects.live().public().first()
    if page is None:
        return
    from cancerinfo.publications.models import Publication

    for publication in Publication.objects.all().prefetch_related("cancer_types"):
        types_text, slugs = _names(publication.cancer_types.all())
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


def _organisations() -> Iterator[Document]:
    from cancerinfo.organisations.models import Organisation, SupportDirectoryPage

    directory = SupportDirectoryPage.objects.live().public().first()
    if directory is None:
        return
    for organisation in Organisation.objects.filter(live=True).prefetch_related("cancer_types", "topics"):
        types_text, slugs = _names(organisation.cancer_types.all())
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


SOURCES: list[tuple[str, Callable[[], Iterator[Document]]]] = [
    ("questions", _questions),
    ("booklets", _booklets),
    ("glossary", _glossary),
    ("trials", _trials),
    ("publications", _publications),
    ("organisations", _organisations),
]


def all_documents() -> list[Document]:
    documents: list[Document] = []
    for app_label, source in SOURCES:
        if not _installed(app_label):
            continue
        try:
            documents.extend(source())
        except (ImportError, LookupError, DatabaseError):
            logger.warning("Search: could not read %s; leaving it out of the index.", app_label, exc_info=True)
    return documents


def cancer_type_names() -> dict[str, str]:
    """slug -> name of every cancer type, for the filter."""
    from cancerinfo.taxonomy.models import CancerType

    try:
        return dict(CancerType.objects.order_by("name").values_list("slug", "name"))
    except DatabaseError:
        return {}


def counts_by_kind(documents: list[Document]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for document in documents:
        counts[document.kind] += 1
    return dict(counts)
