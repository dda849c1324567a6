"""The one search service: the search page, the "search this booklet" box and the API call these functions.

    results = search("womb cancer", kinds={"question"}, cancer_type="", page=1)

The index lives in memory, one per process, rebuilt when the content version changes (bumped when pages are
published, unpublished, moved or deleted, and when glossary terms, trials, publications, organisations or the
thesaurus change; see signals.py). A search reads the version from the cache and never writes to the database;
query counts go to a cache buffer flushed by ``manage.py flush_search_log`` (see querylog.py, docs/search.md).
"""

from __future__ import annotations

import html
import logging
import threading
import time
import uuid
from array import array
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction

from cancerinfo.core.text import clean_query as clean_input

from . import changes, querylog
from .building import (  # what an index is made from; kept here too for the callers of services
    _quiet,
    assemble,
    cancer_type_names,
    document_vectors,
)
from .embeddings import get_encoder
from .engine import QueryPlan, Ranked, SearchIndex
from .registry import Document, all_documents, page_documents
from .registry import kinds as registered_kinds
from .text import WORD, fold

logger = logging.getLogger(__name__)

VERSION_KEY = "sitesearch:version"
MAX_QUERY_LENGTH = 200
PER_PAGE = 10
SNIPPET_WORDS = 36
SNIPPET_SOURCE_CHARACTERS = 3000

MAX_INCREMENTAL_CHANGES = 200  # more changes than this since a process last looked: a full rebuild is quicker

_lock = threading.Lock()


@dataclass
class _Current:
    version: str
    mark: changes.Mark
    index: SearchIndex
    checked: float  # time.monotonic() of the last look at the change log


_current: _Current | None = None


# -- the content version ---------------------------------------------------------------------------------------
def content_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY) or version
    return version


def index_state() -> tuple[str, changes.Mark]:
    """What every process's index follows: a change here means the indexes change."""
    return content_version(), changes.latest()


def bump_version(**_kwargs) -> None:
    """Something other than a page changed (terms, trials, the thesaurus...): every process rebuilds its index."""
    changes.record(None)
    _look_again()


def page_changed(page_id: int) -> None:
    """A page was published, unpublished, moved or deleted: every process updates that page (and the pages below
    it) in its index, without a rebuild. With the database index, its documents are written now, with the change
    (one transaction: other processes see both or neither)."""
    if backend() != "database":
        changes.record(page_id)
    else:
        from . import dbindex

        try:
            with transaction.atomic():
                change = changes.record(page_id)
                if change is not None and not dbindex.update_pages({page_id}, change.pk):
                    changes.record(None)
        except DatabaseError:
            logger.warning("Search: could not update the database index for page %s.", page_id, exc_info=True)
    _look_again()


def backend() -> str:
    """Where the index lives: "database" (shared by every app server; the default on PostgreSQL) or "memory"
    (each process builds its own; the default otherwise). SITE_SEARCH_BACKEND chooses."""
    from django.conf import settings
    from django.db import connection

    chosen = getattr(settings, "SITE_SEARCH_BACKEND", "auto")
    if chosen in ("database", "memory"):
        return chosen
    return "database" if connection.vendor == "postgresql" else "memory"


def _look_again() -> None:
    """This process looks at the log on its next search, so a change made here is found here at once."""
    current = _current
    if current is not None:
        current.checked = float("-inf")


# -- building ---------------------------------------------------------------------------------------------------
def build_index(documents: list[Document] | None = None, progress=_quiet) -> SearchIndex:
    """The whole index, read again from every app's sources. progress(message) hears how far it has got."""
    documents = all_documents(progress) if documents is None else documents
    encoder = get_encoder()
    vectors = document_vectors(documents, encoder, progress)
    progress(f"indexing the words of {len(documents):,} documents")
    return assemble(documents, vectors, encoder)


def sync_seconds() -> float:
    from django.conf import settings

    return settings.SEARCH_SYNC_SECONDS


def get_index() -> SearchIndex:
    """This process's index, brought up to date with the change log at most every SEARCH_SYNC_SECONDS: changed
    pages are updated in place; anything else, or a cleared cache, means a full rebuild."""
    global _current
    current = _current
    if current is not None and time.monotonic() - current.checked < sync_seconds():
        return current.index
    if backend() == "database":
        return _database_index()
    with _lock:
        current = _current
        if current is not None and time.monotonic() - current.checked < sync_seconds():
            return current.index
        version = content_version()
        mark = changes.latest()
        if current is not None and current.version == version:
            if mark == current.mark:
                current.checked = time.monotonic()
                return current.index
            pages = changes.since(current.mark, MAX_INCREMENTAL_CHANGES)
            if pages is not None and None not in pages:
                index = _updated(current.index, set(pages))
                if index is not None:
                    _current = _Current(version, mark, index, time.monotonic())
                    return index
        started = time.perf_counter()
        index = build_index()
        _current = _Current(version, mark, index, time.monotonic())
        logger.info("Search: index of %d documents built in %.1f s.", index.size, time.perf_counter() - started)
        return index


def _database_index():
    """The database index as this process sees it: what changed since it last looked is loaded (the rows the
    change-log rows wrote); anything else changed, or a cleared cache, means loading it again (after one process
    has rebuilt it)."""
    from . import dbindex

    global _current
    with _lock:
        current = _current
        if current is not None and time.monotonic() - current.checked < sync_seconds():
            return current.index
        version = content_version()
        if current is not None and current.version == version:
            applied = dbindex.apply_changes(current.index, current.mark, MAX_INCREMENTAL_CHANGES)
            if applied is not None:
                _current = _Current(version, applied[1], applied[0], time.monotonic())
                return applied[0]
        started = time.perf_counter()
        index, mark = dbindex.load_index()
        _current = _Current(version, mark, index, time.monotonic())
        held = isinstance(index, SearchIndex)
        logger.info(
            "Search: database index of %d documents loaded %s in %.1f s.",
            index.size if held else index.live_documents,
            "into memory" if held else "to read per search",
            time.perf_counter() - started,
        )
        return index


def _updated(index: SearchIndex, page_ids: set[int]) -> SearchIndex | None:
    """A copy of the index with these pages (and the pages below them) as they are now; None if a full rebuild
    is needed (a page whose documents can only be read whole, such as the glossary's)."""
    from wagtail.models import Page

    started = time.perf_counter()
    affected = set(page_ids)
    try:
        for path in Page.objects.filter(pk__in=page_ids).values_list("path", flat=True):
            affected.update(Page.objects.filter(path__startswith=path).values_list("pk", flat=True))
        documents = page_documents(affected)
    except DatabaseError:
        return None
    if documents is None:
        return None
    remove = {d.key for d in index.documents if d.page_id in affected} | {d.key for d in documents}
    updated = index.apply(remove, documents, document_vectors(documents, index.encoder) if documents else None)
    logger.info(
        "Search: %d pages updated in the index (%d documents) in %.0f ms.",
        len(affected),
        len(documents),
        (time.perf_counter() - started) * 1000,
    )
    return updated


def install(index: SearchIndex) -> None:
    """Use this index in this process from now on (benchmarks measuring an index built by hand)."""
    global _current
    _current = _Current(content_version(), changes.latest(), index, float("inf"))


def reset() -> None:
    """Forget the in-process index (tests)."""
    global _current
    _current = None


# -- cleaning input ---------------------------------------------------------------------------------------------
def clean_query(raw: str | None) -> str:
    """Short and printable: hostile input never reaches any backend as-is."""
    return clean_input(raw, MAX_QUERY_LENGTH)


# -- results ----------------------------------------------------------------------------------------------------
@dataclass
class Result:
    document: Document
    score: float
    snippet: str = ""  # HTML: escaped text with <mark> around matched words
    promoted: bool = False
    promotion_note: str = ""

    @property
    def kind_label(self) -> str:
        return registered_kinds().get(self.document.kind, self.document.kind)


@dataclass
class SearchResults:
    query: str
    results: list[Result] = field(default_factory=list)  # this page's
    total: int = 0
    page: int = 1
    pages: int = 1
    counts: dict[str, int] = field(default_factory=dict)  # per content type, before the type filter
    suggestion: str = ""
    kinds: list[str] = field(default_factory=list)
    cancer_type: str = ""
    elapsed_ms: float = 0.0
    ranked: list[Ranked] = field(default_factory=list)  # the whole ranking (evaluation)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first_number(self) -> int:
        return (self.page - 1) * PER_PAGE + 1


def _promotions(query: str, index: SearchIndex) -> list[Result]:
    """Editors' promoted pages for this query (Wagtail's search promotions), live and public only."""
    from wagtail.models import Page

    wanted = index.promotions.get(" ".join(fold(query).split()))
    if not wanted:
        return []
    try:
        pages = Page.objects.live().public().in_bulk([page_id for page_id, _ in wanted])
    except DatabaseError:
        return []
    results = []
    for page_id, description in wanted:
        page = pages.get(page_id)
        if page is None:
            continue
        document = Document(
            key=f"promoted:{page.pk}", kind="promoted", title=page.title, url=page.url or "", page_id=page.pk
        )
        note = description or page.search_description or ""
        results.append(Result(document, 1e9, html.escape(note), promoted=True, promotion_note=note))
    return results


class TextWords:
    """A text's words for snippets: where each is (starts, ends) and its indexed term. A property of the text, not of
    any query: worked out once per text an in-memory index shows (text_words)."""

    __slots__ = ("starts", "ends", "terms")

    def __init__(self, text: str, index: SearchIndex):
        engine = getattr(index, "_engine", index)  # the database index ranks with an in-memory engine's vocabulary
        known = engine.__dict__.setdefault("_terms_by_word", {})  # what SearchIndex.term_of fills
        self.starts, self.ends, self.terms = array("i"), array("i"), []
        for match in WORD.finditer(text):
            word = match.group()
            term = known.get(word)
            self.starts.append(match.start())
            self.ends.append(match.end())
            self.terms.append(index.term_of(word) if term is None else term)


# Texts whose words an in-memory index keeps (text_words): its documents' summaries and the start of their
# bodies, so each document's words are found once, not on every search that shows it (they were two thirds of the
# work of a search with the index in memory, its query's vector aside).
TEXT_WORDS_KEPT = 20_000


def text_words(text: str, index: SearchIndex) -> TextWords:
    """The words of a text (at most SNIPPET_SOURCE_CHARACTERS long): kept in an in-memory index's own table, whose
    documents are in memory anyway; worked out afresh for the database index's, read per search."""
    if not isinstance(index, SearchIndex):
        return TextWords(text, index)
    table = index.__dict__.setdefault("text_words", {})  # shared with the copies apply() makes: texts are the keys
    found = table.get(text)
    if found is None:
        if len(table) >= TEXT_WORDS_KEPT:
            table.clear()
        found = table[text] = TextWords(text, index)
    return found


def highlight(text: str, terms: set[str], index: SearchIndex, words_wanted: int = SNIPPET_WORDS) -> str:
    """The passage of text with most of the matched words, HTML-escaped, matched words in <mark>.
    The passage is chosen from the first SNIPPET_SOURCE_CHARACTERS (about 500 words): ten bodies of 6,000 characters
    took a millisecond a search. The text's words and their terms come from text_words()."""
    text = text[:SNIPPET_SOURCE_CHARACTERS]
    found = text_words(text, index)
    text_terms = found.terms
    if not text_terms:
        return ""
    hits = [i for i, term in enumerate(text_terms) if term in terms]
    start_word = 0
    if hits:
        hit_terms = [text_terms[i] for i in hits]
        best, best_count, j = hits[0], 0, 0
        for k, i in enumerate(hits):
            # distinct matched terms in the window of words starting at hit k
            j = max(j, k)
            while j + 1 < len(hits) and hits[j + 1] < i + words_wanted:
                j += 1
            count = len(set(hit_terms[k : j + 1]))
            if count > best_count:
                best, best_count = i, count
        start_word = max(0, best - 6)
    end_word = min(len(text_terms), start_word + words_wanted)
    starts, ends = found.starts, found.ends
    begin = starts[start_word]
    end = ends[end_word - 1]
    out = ["… " if start_word else ""]
    cursor = begin
    for i in hits:
        if start_word <= i < end_word:
            s, e = starts[i], ends[i]
            out.append(html.escape(text[cursor:s]))
            out.append(f"<mark>{html.escape(text[s:e])}</mark>")
            cursor = e
    out.append(html.escape(text[cursor:end]))
    rest = text[end:]
    out.append(" …" if WORD.search(rest) else html.escape(rest.rstrip()))
    return "".join(out)


def search(
    query: str,
    *,
    kinds: list[str] | set[str] | None = None,
    cancer_type: str = "",
    page: int = 1,
    per_page: int = PER_PAGE,
    within: str = "",
    log: bool = True,
    snippets: bool = True,
    remember: bool = True,
    include_closed: bool = False,
    language: str | None = None,
) -> SearchResults:
    """Search everything. kinds: content types to keep (see registry.kinds()); cancer_type: a CancerType slug;
    within: a URL prefix (the "search this booklet" box); include_closed: also trials not taking people or not
    updated for two years (left out by default); language: a reader's language (settings.LANGUAGES): pages in it
    and in English, nothing in the site's other languages (None: every language, as the API wants);
    remember: reuse this process's ranking of the same words (off when measuring the full cost of a search)."""
    started = time.perf_counter()
    query = clean_query(query)
    known = registered_kinds()
    kinds = [k for k in (kinds or []) if k in known]
    outcome = SearchResults(query=query, kinds=kinds, cancer_type=cancer_type)
    if not query:
        return outcome
    index = get_index()
    if remember:
        ranked, plan = _ranking(index, query, include_closed)
    else:
        ranked, plan = index.search(query, include_closed=include_closed)
    if within:
        ranked = [r for r in ranked if r.document.url.startswith(within)]
    if language is not None:
        excluded = _other_language_codes() - {language}  # English and the reader's language stay
        if excluded:
            ranked = [r for r in ranked if _first_segment(r.document.url) not in excluded]
    if cancer_type:
        ranked = [r for r in ranked if cancer_type in r.document.cancer_types]
    outcome.counts = dict(Counter(r.document.kind for r in ranked))
    if kinds:
        ranked = [r for r in ranked if r.document.kind in kinds]
    promoted = [] if (within or kinds or cancer_type or page > 1) else _promotions(query, index)
    if promoted:
        promoted_ids = {p.document.page_id for p in promoted}
        ranked = [r for r in ranked if r.document.page_id not in promoted_ids]
    outcome.ranked = ranked
    outcome.suggestion = plan.suggestion if plan.suggestion != fold(query) else ""
    outcome.total = len(ranked) + len(promoted)
    outcome.pages = max(1, -(-outcome.total // per_page))
    outcome.page = min(max(1, page), outcome.pages)
    everything = promoted + [Result(r.document, r.score) for r in ranked[: outcome.page * per_page]]
    outcome.results = everything[(outcome.page - 1) * per_page : outcome.page * per_page]
    with_text = getattr(index, "with_text", None)
    if with_text is not None:  # the database index ranks documents without their words: read the shown ones'
        for result, document in zip(outcome.results, with_text([r.document for r in outcome.results]), strict=True):
            result.document = document
    if snippets:
        _add_snippets(query, outcome.results, plan, index, remember)
    outcome.elapsed_ms = (time.perf_counter() - started) * 1000
    if log and not within:
        querylog.record(query, outcome.total)
    return outcome


def _first_segment(url: str) -> str:
    """A document's language is in its address: /cy/... is Welsh (the translations app puts each language under its
    code), and an address with no language code in front is English."""
    return url.lstrip("/").split("/", 1)[0] if url.startswith("/") else ""


def _other_language_codes() -> set[str]:
    return {code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE}


RECENT_QUERIES_KEPT = 1000


def _recent(index: SearchIndex) -> OrderedDict:
    """Rankings and snippets of this index's recent queries: when a story is in the news, thousands of people
    search the same words, and each process ranks them once. A new index (content changed) starts empty."""
    recent = getattr(index, "recent_queries", None)
    if recent is None:
        recent = index.recent_queries = OrderedDict()
    return recent


_recent_lock = threading.Lock()


def _remember(index: SearchIndex, key: tuple, compute):
    with _recent_lock:
        recent = _recent(index)
        if key in recent:
            recent.move_to_end(key)
            return recent[key]
    value = compute()
    with _recent_lock:
        recent[key] = value
        while len(recent) > RECENT_QUERIES_KEPT:
            recent.popitem(last=False)
    return value


def _ranking(index: SearchIndex, query: str, include_closed: bool = False):
    key = ("ranking", query, include_closed)
    return _remember(index, key, lambda: index.search(query, include_closed=include_closed))


def _add_snippets(query: str, results: list[Result], plan: QueryPlan, index: SearchIndex, remember: bool) -> None:
    for result in results:
        if result.promoted:
            continue
        if remember:
            key = ("snippet", query, result.document.key)
            result.snippet = _remember(index, key, lambda r=result: _snippet(r, plan, index))
        else:
            result.snippet = _snippet(result, plan, index)


def _snippet(result: Result, plan: QueryPlan, index: SearchIndex) -> str:
    source = result.document.summary if _mentions(result.document.summary, plan, index) else result.document.body
    return highlight(source or result.document.body, plan.highlight_terms, index)


def _mentions(text: str, plan: QueryPlan, index: SearchIndex) -> bool:
    """Whether the start of this text (a summary) has a word the query matches."""
    return bool(text) and any(
        term in plan.highlight_terms for term in text_words(text[:MENTIONS_CHARACTERS], index).terms
    )


MENTIONS_CHARACTERS = 2000


def highlight_title(result: Result, results: SearchResults) -> str:
    index = get_index()
    plan = index.plan(results.query)
    return highlight(result.document.title, plan.highlight_terms, index, words_wanted=60)


def filter_options() -> dict:
    """What the search page's filters offer; no query, read from this process's index."""
    names = getattr(get_index(), "cancer_type_names", None)
    return {"kinds": registered_kinds(), "cancer_types": cancer_type_names() if names is None else names}
