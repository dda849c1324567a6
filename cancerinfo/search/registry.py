"""What the site search covers: each app registers the documents it contributes, in its own ``search.py``.

    # cancerinfo/glossary/search.py
    from cancerinfo.search.registry import Document, register_kind, register_source

    register_kind("glossary", "Glossary", prior=0.9, order=40)

    @register_source("glossary", watch=["glossary.Term"])
    def documents():
        yield Document(key="glossary:1", kind="glossary", title="Biopsy", url="/glossary/biopsy/")

The search app imports every installed app's ``search`` module when Django starts (``SearchConfig.ready``) and knows
no app by name. A source is guarded: an app that is not migrated yet, or whose area page is not published, simply
contributes nothing. Pages come from ``Page.objects.live().public()`` only, so drafts and private pages never reach
the index. A source that covers page types names them (``page_types``); every other live page is a plain "page"
document (``search/pages.py``), so every page a person can land on can be found.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import DatabaseError

from .text import strip_html

logger = logging.getLogger(__name__)


@dataclass
class Document:
    key: str
    kind: str
    title: str
    url: str
    body: str = ""
    tags: str = ""  # cancer types, treatments, topics: curated words about the document
    # Other names of the page, comma-separated: editors' search words ("donate" on Support us), a cancer type's or
    # a term's other names. Worth as much as the title, and a query that is one of them exactly finds the page first.
    keywords: str = ""
    parent: str = ""  # the booklet a section belongs to, the area a page sits in
    parent_url: str = ""
    review_date: datetime.date | None = None
    cancer_types: frozenset[str] = field(default_factory=frozenset)
    page_id: int | None = None
    source_qid: str = ""
    summary: str = ""
    # False for what people rarely want unless they ask (closed or long-silent trials): left out by default.
    current: bool = True
    weight: float = 1.0  # times the kind's prior: a source's own judgement of a document (an overseas trial)

    @property
    def embed_text(self) -> str:
        """What the sentence model reads: the title, then the summary or the start of the text."""
        return f"{self.title}. {self.summary or self.body[:1200]}"


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    prior: float  # how much a match is worth against the same match in an information page
    order: int
    # Words or phrases that say the person wants this kind ("trials", "what does"): then the prior does not apply.
    intent: tuple[str, ...] = ()
    # Its titles are questions ("What is prostate cancer?"): without their stop words they read as a topic's name,
    # and the name match prefers any other page of that name (engine.SearchIndex.search).
    named_by_questions: bool = False


@dataclass(frozen=True)
class Source:
    name: str
    documents: Callable[[], Iterable[Document]]
    watch: tuple[str, ...]  # "app_label.Model" whose saves and deletes change this source's documents
    page_types: tuple[str, ...]  # "app_label.Model" page types this source covers (the plain page source skips them)
    # documents(pages={ids}) gives the documents of those pages only, so publishing one page updates the index
    # without a full rebuild; a source without it (its documents hang on one page, as glossary terms do) is read
    # again whole when one of its pages changes.
    incremental: bool = False


_kinds: dict[str, Kind] = {}
_sources: dict[str, Source] = {}


def register_kind(
    key: str,
    label: str,
    *,
    prior: float = 1.0,
    order: int = 100,
    intent: Iterable[str] = (),
    named_by_questions: bool = False,
) -> None:
    _kinds[key] = Kind(key, label, prior, order, tuple(intent), named_by_questions)


def kinds_named_by_questions() -> frozenset[str]:
    return frozenset(kind.key for kind in _kinds.values() if kind.named_by_questions)


def register_source(
    name: str, *, watch: Iterable[str] = (), page_types: Iterable[str] = (), incremental: bool = False
) -> Callable[[Callable[..., Iterable[Document]]], Callable[..., Iterable[Document]]]:
    def decorator(function):
        _sources[name] = Source(name, function, tuple(watch), tuple(page_types), incremental)
        return function

    return decorator


def kinds() -> dict[str, str]:
    """The content types people can filter by, key -> label, in the order the search page lists them."""
    return {kind.key: kind.label for kind in sorted(_kinds.values(), key=lambda k: (k.order, k.key))}


def kind_prior(key: str) -> float:
    kind = _kinds.get(key)
    return kind.prior if kind else 1.0


def kind_intents() -> dict[str, tuple[str, ...]]:
    return {kind.key: kind.intent for kind in _kinds.values() if kind.intent}


def sources() -> list[Source]:
    return list(_sources.values())


def claimed_page_types() -> set[str]:
    return {label.lower() for source in _sources.values() for label in source.page_types}


def watched_models() -> set[str]:
    return {label for source in _sources.values() for label in source.watch}


def all_documents(progress: Callable[[str], None] | None = None) -> list[Document]:
    documents: list[Document] = []
    for source in _sources.values():
        try:
            before = len(documents)
            documents.extend(source.documents())
            if progress:
                progress(f"read {len(documents) - before:,} documents from {source.name}")
        except (ImportError, LookupError, DatabaseError):
            logger.warning("Search: could not read %s; leaving it out of the index.", source.name, exc_info=True)
    return without_aliases(documents)


def without_aliases(documents: list[Document]) -> list[Document]:
    """Leaves out the pages that are aliases of others: their words are the other page's, found there. The
    translations app's copy of the site in another language (/cy/...) holds untranslated pages' places with
    aliases of the English ones: English text at a Welsh address, which Welsh search must not offer as Welsh."""
    from wagtail.models import Page

    page_ids = {document.page_id for document in documents if document.page_id is not None}
    if not page_ids:
        return documents
    aliases = set(Page.objects.filter(alias_of__isnull=False).values_list("pk", flat=True))
    return [document for document in documents if document.page_id not in aliases]


def page_documents(page_ids: set[int]) -> list[Document] | None:
    """The documents of these pages as they are now (none for a page unpublished, made private or deleted), or
    None when one of them belongs to a source that can only be read whole."""
    from wagtail.models import Page

    whole = {label.lower() for source in _sources.values() if not source.incremental for label in source.page_types}
    types = Page.objects.filter(pk__in=page_ids).values_list("content_type__app_label", "content_type__model")
    if any(f"{app_label}.{model}" in whole for app_label, model in types):
        return None
    documents: list[Document] = []
    for source in _sources.values():
        if source.incremental:
            documents.extend(source.documents(pages=page_ids))
    return without_aliases(documents)


def counts_by_kind(documents: list[Document]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for document in documents:
        counts[document.kind] += 1
    return dict(counts)


# -- helpers the apps' sources share --------------------------------------------------------------------------------
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


def names(objects) -> tuple[str, frozenset[str]]:
    """The names (and other names) of taxonomy terms as curated words, and the slugs of the cancer types."""
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


def page_words(page) -> str:
    """The words editors gave a page for search (the promote tab's "Search words"), as one text."""
    return getattr(page, "search_words", "") or ""


def page_text(page) -> str:
    """The readable text of any page: its introduction, search description and body, whatever its type has."""
    parts = [getattr(page, "introduction", "") or "", page.search_description or ""]
    for name in ("body", "summary"):
        value = getattr(page, name, None)
        if value is None:
            continue
        parts.append(value if isinstance(value, str) else stream_text(value))
    return strip_html(" ".join(p for p in parts if p))


def page_document(page, *, kind: str = "page", key: str = "", url: str = "", title: str = "", **fields) -> Document:
    """A plain document for a live page, or for one of its sub-pages (given its own key, address and title: the
    page is then its parent)."""
    if key:
        parent = page
    else:
        parent = page.get_parent().specific if page.depth > 3 else None  # an area's parent is the home page
    fields.setdefault("body", page_text(page))
    fields.setdefault("summary", (getattr(page, "introduction", "") or page.search_description or "")[:600])
    fields.setdefault("keywords", page_words(page))
    return Document(
        key=key or f"page:{page.pk}",
        kind=kind,
        title=title or page.title,
        url=url or page.get_url() or page.url_path,
        parent=parent.title if parent else "",
        parent_url=(parent.get_url() or "") if parent else "",
        page_id=page.pk,
        **fields,
    )


def subpage_document(page, route: str, title: str, text: str) -> Document:
    """A page of its own that a page serves at one of its routes ("ask-a-nurse/" of Contact us), described by
    its introduction."""
    url = f"{page.get_url() or page.url_path}{route}"
    return page_document(
        page, key=f"page:{page.pk}:{route}", title=title, url=url, body=text, summary=text, keywords=""
    )
