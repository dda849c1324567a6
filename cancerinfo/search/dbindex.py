"""The search index in the database (SITE_SEARCH_BACKEND=database, the default on PostgreSQL): one index for every
app server, changed in place when a page is published or unpublished.

What lives where:
- the database: every document (``SearchDocument``, with its sentence vector), each term's postings ordered by
  BM25F score (``SearchTerm``: the words index), the documents' names, the site's words for "Did you mean"
  (``SearchWord``, pg_trgm on PostgreSQL), and the collection statistics of the last full build.
- each process, while the index has at most settings.SEARCH_IN_MEMORY_DOCUMENTS documents: a copy of it in memory
  (the in-memory engine, loaded from the rows and their stored vectors), searched with no query.
- each process, above that: the vectors (as int8, Int8Vectors) and a few numbers per document (kind, weight, whether
  it is current), loaded once and then only what changed; per search it reads the postings of the query's terms (one
  indexed query) and the shown documents.

The ranking is the in-process engine's own (engine.SearchIndex: the same query plan, BM25F scores, fusion and
priors), run over postings read from the database, so both backends rank alike.

Writers: publishing, unpublishing, moving or deleting a page writes its new documents (old rows are marked dead, new
rows added, both stamped with the change-log row) in the same transaction as the change-log row. Anything else
(glossary terms, trials, the thesaurus...) is a change-log row without a page: the first process to see it rebuilds
the database index (others wait for it), then every process reloads.
"""

from __future__ import annotations

import copy
import ctypes
import dataclasses
import logging
import math
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

import numpy as np
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Max

from . import building, changes
from .embeddings import get_encoder
from .engine import FIELD_WEIGHTS, NOT_SPELLING_SOURCES, QueryPlan, Ranked, SearchIndex, Thesaurus
from .registry import Document, all_documents, kind_intents, kind_prior, page_documents
from .spellcheck import SpellChecker, damerau_levenshtein, max_distance
from .text import STOP_WORDS, words

logger = logging.getLogger(__name__)

# A term's postings keep its best-scoring documents only: a word in most documents ("cancer") says little, and its
# 20,000 best matches are the ones that can reach a page of results.
POSTINGS_KEPT = 20_000
BATCH = 2000
VECTOR_SIZE = 384
MAX_TERM_LENGTH = 200
# Rows kept free in each process's arrays for documents added later: an eighth more, at least 64. Every search works
# over every row (word scores, similarities, fusion): a fixed thousand spare rows were most of the rows of a site of
# a few hundred pages. Growing by an eighth copies the arrays once per eighth more documents.
MIN_HEADROOM = 64
HEADROOM_SHARE = 8


def _quiet(message: str) -> None:
    pass


# -- writing ---------------------------------------------------------------------------------------------------
def _names(document: Document, analyzer) -> set[str]:
    names = set()
    for name in [document.title, *document.keywords.split(",")]:
        terms = sorted(set(analyzer.terms(name)))
        if terms:
            names.add(" ".join(terms)[:255])
    return names


def _spelling_words(document: Document) -> list[str]:
    if document.kind in NOT_SPELLING_SOURCES:
        return []
    text = f"{document.title} {document.tags} {document.keywords}"
    return [w for w in words(text) if w not in STOP_WORDS and 4 <= len(w) <= 60 and w.isalpha()]


def _row(document: Document, vector: np.ndarray | None, change_id: int, **extra):
    from .models import SearchDocument

    return SearchDocument(
        key=document.key[:200],
        change_id=change_id,
        kind=document.kind,
        title=document.title,
        url=document.url,
        body=document.body,
        tags=document.tags,
        keywords=document.keywords,
        parent=document.parent,
        parent_url=document.parent_url,
        review_date=document.review_date,
        cancer_types=" ".join(sorted(document.cancer_types)),
        page_id=document.page_id,
        source_qid=document.source_qid,
        summary=document.summary,
        current=document.current,
        weight=document.weight,
        vector=vector.astype(np.float32).tobytes() if vector is not None else None,
        **extra,
    )


def _scorer(analyzer, statistics: dict, size: int, field_documents: dict[str, dict[str, int]]) -> SearchIndex:
    """The engine's BM25F scoring of one document (SearchIndex._field_counters and _scores), with the collection
    statistics of a full build."""
    scorer = SearchIndex.__new__(SearchIndex)
    scorer.analyzer = analyzer
    scorer._stats = {name: (statistics.get(name, 1.0), field_documents[name]) for name in FIELD_WEIGHTS}
    scorer._stats_size = size
    return scorer


def rebuild(
    documents: list[Document] | None = None,
    progress: Callable[[str], None] = _quiet,
    vectors: np.ndarray | None = None,
    announce: bool = False,
) -> int:
    """Read every source again and write the whole database index, in one transaction (searches go on using the
    old one until it commits). announce: tell every process to load it (a change-log row, written with it).
    Returns the number of documents."""
    from .models import SearchDocument, SearchIndexState, SearchName, SearchTerm, SearchWord

    documents = all_documents(progress) if documents is None else documents
    analyzer = building.make_analyzer()
    if vectors is None:
        vectors = building.document_vectors(documents, get_encoder(), progress)
    # Pass 1: field lengths and document frequencies (a pass per field keeps no per-document counters in memory).
    lengths: dict[str, int] = defaultdict(int)
    field_documents: dict[str, Counter] = {name: Counter() for name in FIELD_WEIGHTS}
    name_frequency: Counter = Counter()
    scorer = _scorer(analyzer, {}, len(documents), {name: {} for name in FIELD_WEIGHTS})
    for number, document in enumerate(documents, start=1):
        fields = scorer._field_counters(document)
        for name, counter in fields.items():
            lengths[name] += sum(counter.values())
            if name != "keywords":
                field_documents[name].update(counter.keys())
        name_frequency.update(fields["title"].keys() | fields["keywords"].keys())
        if number % 20_000 == 0:
            progress(f"counted the words of {number:,} of {len(documents):,} documents")
    field_documents["keywords"] = name_frequency  # as the engine: a search word is as telling as a title word
    statistics = {name: (lengths[name] / max(len(documents), 1)) or 1.0 for name in FIELD_WEIGHTS}
    scorer = _scorer(analyzer, statistics, len(documents), field_documents)
    # Pass 2: each document's BM25F score per term, its names and words.
    posting_ids: dict[str, array] = defaultdict(lambda: array("i"))
    posting_scores: dict[str, array] = defaultdict(lambda: array("f"))
    spelling: Counter = Counter()
    names: list[tuple[str, int]] = []
    for row_id, document in enumerate(documents, start=1):
        for term, score in scorer._scores(scorer._field_counters(document)).items():
            if len(term) <= MAX_TERM_LENGTH:
                posting_ids[term].append(row_id)
                posting_scores[term].append(score)
        names.extend((name, row_id) for name in _names(document, analyzer))
        spelling.update(_spelling_words(document))
        if row_id % 20_000 == 0:
            progress(f"scored the words of {row_id:,} of {len(documents):,} documents")
    spelling.update(w for w in _vocabulary_extra() if 4 <= len(w) <= 60 and w.isalpha())
    progress(f"writing {len(documents):,} documents and {len(posting_ids):,} terms to the database")
    with transaction.atomic():
        state = SearchIndexState.objects.select_for_update().first() or SearchIndexState()
        if announce:
            changes.record(None)
        mark = changes.latest()
        for model in (SearchDocument, SearchTerm, SearchName, SearchWord):
            model.objects.all().delete()
        for start in range(0, len(documents), BATCH):
            SearchDocument.objects.bulk_create(
                [
                    _row(documents[i], vectors[i] if vectors is not None else None, 0, id=i + 1)
                    for i in range(start, min(start + BATCH, len(documents)))
                ]
            )
            progress(f"wrote {min(start + BATCH, len(documents)):,} of {len(documents):,} documents")
        _reset_sequence(SearchDocument)
        terms = []
        for term, ids in posting_ids.items():
            terms.append(
                _term_row(
                    term,
                    np.frombuffer(ids, dtype=np.int32),
                    np.frombuffer(posting_scores[term], dtype=np.float32),
                    field_documents,
                )
            )
            if len(terms) >= BATCH:
                SearchTerm.objects.bulk_create(terms)
                terms = []
        SearchTerm.objects.bulk_create(terms)
        progress(f"wrote {len(posting_ids):,} terms")
        SearchName.objects.bulk_create((SearchName(name=n, document_id=i) for n, i in names), batch_size=BATCH)
        SearchWord.objects.bulk_create((SearchWord(word=w, frequency=f) for w, f in spelling.items()), batch_size=BATCH)
        state.change_id, state.change_token = mark.id, mark.token
        state.documents = len(documents)
        state.statistics = statistics
        state.save()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (SearchDocument, SearchTerm, SearchName, SearchWord):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    progress(f"database index built: {len(documents):,} documents")
    return len(documents)


def _term_row(term: str, ids: np.ndarray, scores: np.ndarray, field_documents: dict):
    from .models import SearchTerm

    order = np.argsort(-scores, kind="stable")[:POSTINGS_KEPT]
    return SearchTerm(
        term=term,
        documents=len(ids),
        field_documents={name: field_documents[name][term] for name in FIELD_WEIGHTS if field_documents[name][term]},
        postings=ids[order].astype(np.int32).tobytes(),
        scores=scores[order].astype(np.float32).tobytes(),
    )


def _reset_sequence(model) -> None:
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), GREATEST((SELECT MAX(id) FROM {table}), 1))"  # noqa: S608 (our table)
            )


def _vocabulary_extra() -> list[str]:
    texts = list(building.cancer_type_names().values())
    for group in building.thesaurus_groups():
        texts.extend(group)
    return [w for text in texts for w in words(text) if w not in STOP_WORDS]


def update_pages(page_ids: set[int], change_id: int) -> bool:
    """Write these pages' documents (and those of the pages below them) as they are now, stamped with the change.
    False when a source can only be read whole (the change is then one for every process to rebuild)."""
    from wagtail.models import Page

    from .models import SearchDocument, SearchIndexState, SearchName, SearchTerm, SearchWord

    state = SearchIndexState.objects.select_for_update().first()
    if state is None:
        return True  # no database index yet: the first search builds it, with this page
    affected = set(page_ids)
    for path in Page.objects.filter(pk__in=page_ids).values_list("path", flat=True):
        affected.update(Page.objects.filter(path__startswith=path).values_list("pk", flat=True))
    documents = page_documents(affected)
    if documents is None:
        return False
    keys = [d.key[:200] for d in documents]
    stale = SearchDocument.objects.filter(live=True).filter(page_id__in=affected)
    SearchDocument.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).update(
        live=False, change_id=change_id
    )
    SearchDocument.objects.filter(live=True, key__in=keys).update(live=False, change_id=change_id)
    if not documents:
        return True
    analyzer = building.make_analyzer()
    vectors = building.document_vectors(documents, get_encoder())
    rows = SearchDocument.objects.bulk_create(
        [_row(d, vectors[i] if vectors is not None else None, change_id) for i, d in enumerate(documents)]
    )
    counters = []
    plain = _scorer(analyzer, {}, 1, {name: {} for name in FIELD_WEIGHTS})
    for document in documents:
        counters.append(plain._field_counters(document))
    wanted = sorted({term for fields in counters for counter in fields.values() for term in counter})
    wanted = [t for t in wanted if len(t) <= MAX_TERM_LENGTH]
    existing = {t.term: t for t in SearchTerm.objects.select_for_update().filter(term__in=wanted)}
    field_documents = {
        name: {t: row.field_documents.get(name, 0) for t, row in existing.items()} for name in FIELD_WEIGHTS
    }
    scorer = _scorer(analyzer, state.statistics, state.documents, field_documents)
    additions: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for row, fields in zip(rows, counters, strict=True):
        for term, score in scorer._scores(fields).items():
            if len(term) <= MAX_TERM_LENGTH:
                additions[term].append((row.pk, score))
    changed, created = [], []
    for term in sorted(additions):
        ids = np.array([i for i, _ in additions[term]], dtype=np.int32)
        scores = np.array([s for _, s in additions[term]], dtype=np.float32)
        old = existing.get(term)
        if old is None:
            created.append(_term_row(term, ids, scores, defaultdict(Counter)))
            continue
        ids = np.concatenate([np.frombuffer(bytes(old.postings), dtype=np.int32), ids])
        scores = np.concatenate([np.frombuffer(bytes(old.scores), dtype=np.float32), scores])
        order = np.argsort(-scores, kind="stable")[:POSTINGS_KEPT]
        old.postings, old.scores = ids[order].tobytes(), scores[order].tobytes()
        old.documents += len(additions[term])
        changed.append(old)
    SearchTerm.objects.bulk_update(changed, ["postings", "scores", "documents"], batch_size=500)
    SearchTerm.objects.bulk_create(created, ignore_conflicts=True)
    SearchName.objects.bulk_create(
        [
            SearchName(name=n, document_id=row.pk)
            for row, d in zip(rows, documents, strict=True)
            for n in _names(d, analyzer)
        ]
    )
    new_words = Counter(w for d in documents for w in _spelling_words(d))
    SearchWord.objects.bulk_create(
        [SearchWord(word=w, frequency=f) for w, f in new_words.items()], ignore_conflicts=True
    )
    return True


def ensure_built(progress: Callable[[str], None] = _quiet) -> None:
    """Rebuild the database index if something other than a page changed since it was built (or it never was);
    one process does it, the others wait for it and then find it done."""
    from .models import IndexChange, SearchIndexState

    with transaction.atomic():
        state = SearchIndexState.objects.select_for_update().first()
        if state is not None:
            built = IndexChange.objects.filter(id=state.change_id, token=state.change_token).exists() or not (
                state.change_id
            )
            later = IndexChange.objects.filter(id__gt=state.change_id, page_id__isnull=True)
            if built and not later.exists():
                return
        elif SearchIndexState.objects.exists():
            return
    started = time.perf_counter()
    count = rebuild(progress=progress)
    logger.info("Search: database index of %d documents built in %.1f s.", count, time.perf_counter() - started)


# -- reading ---------------------------------------------------------------------------------------------------
class Postings:
    """The postings of the terms one search needs, read from the database (the likely ones at once, in one query;
    any other on first use). Looks like the engine's dict of term -> (document ids, scores)."""

    def __init__(self, index: DatabaseIndex):
        self.index = index
        self.rows: dict[str, tuple[np.ndarray, np.ndarray] | None] = {}
        self.frequency: dict[str, int] = {}
        self.names: dict[str, list[int]] = {}  # name -> the documents of that name (SearchName), as read

    def fetch(self, terms: Iterable[str], name: str = "") -> None:
        """Read these terms' postings; name: also the documents of that name (a name as SearchName keeps it), in
        the same query."""
        wanted = [t for t in set(terms) if t not in self.rows and len(t) <= MAX_TERM_LENGTH]
        if not wanted and not name:
            return
        for term in wanted:
            self.rows[term] = None
        rows, named = _read_postings(wanted, name)
        if name:
            self.names[name] = named
        for term, documents, ids, scores in rows:
            ids = np.frombuffer(bytes(ids), dtype=np.int32)
            keep = ids < self.index.size  # documents added since this process last loaded are not here yet
            self.rows[term] = (ids[keep], np.frombuffer(bytes(scores), dtype=np.float32)[keep])
            self.frequency[term] = documents

    def get(self, term: str, default=None):
        if term not in self.rows:  # the ranking asks for each term many times: read once
            self.fetch([term])
        found = self.rows.get(term)
        return default if found is None else found

    def __contains__(self, term: str) -> bool:
        return self.get(term) is not None


def _read_postings(terms: list[str], name: str) -> tuple[list[tuple], list[int]]:
    """[(term, documents, postings, scores)] of these terms, and the documents named `name`: one round trip on
    PostgreSQL (a search's few queries each wait their turn for the database on a busy server)."""
    from .models import SearchName, SearchTerm

    if connection.vendor != "postgresql":
        rows = list(SearchTerm.objects.filter(term__in=terms).values_list("term", "documents", "postings", "scores"))
        named = list(SearchName.objects.filter(name=name).values_list("document_id", flat=True)) if name else []
        return rows, named
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term, documents, postings, scores FROM sitesearch_searchterm WHERE term = ANY(%s) "
            "UNION ALL SELECT NULL, document_id, NULL, NULL FROM sitesearch_searchname WHERE name = %s",
            [terms, name],
        )
        found = cursor.fetchall()
    return [row for row in found if row[0] is not None], [row[1] for row in found if row[0] is None]


class Idf:
    def __init__(self, postings: Postings, documents: int):
        self.postings, self.documents = postings, max(documents, 1)

    def get(self, term: str, default=None):
        if self.postings.get(term) is None:
            return default
        df = self.postings.frequency[term]
        return math.log(1 + (self.documents - df + 0.5) / (df + 0.5))


class TrigramSpellChecker:
    """ "Did you mean": candidates by trigram similarity (pg_trgm), then the engine's choice among them (fewest
    edits, then the commonest word)."""

    CANDIDATES = 40

    def correct(self, word: str) -> str | None:
        limit = max_distance(word)
        if not limit:
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word, frequency FROM sitesearch_searchword WHERE word %% %s "
                "ORDER BY similarity(word, %s) DESC LIMIT %s",
                [word, word, self.CANDIDATES],
            )
            candidates = cursor.fetchall()
        if any(candidate == word for candidate, _ in candidates):
            return None
        best = None
        for candidate, frequency in candidates:
            distance = damerau_levenshtein(word, candidate, limit)
            if distance <= limit:
                rank = (distance, -frequency, candidate)
                best = rank if best is None or rank < best else best
        return best[2] if best else None


def _spellchecker():
    from .models import SearchWord

    if connection.vendor == "postgresql":
        return TrigramSpellChecker()
    return SpellChecker(dict(SearchWord.objects.values_list("word", "frequency")))


@dataclasses.dataclass
class StoredDocument(Document):
    """A document as the database index read it: `row` is its SearchDocument id."""

    row: int = 0
    has_text: bool = False  # body, tags, other names and summary read (the first page of results is read with them)


LISTED_FIELDS = (
    "id",
    "key",
    "kind",
    "title",
    "url",
    "parent",
    "parent_url",
    "review_date",
    "cancer_types",
    "page_id",
    "source_qid",
    "current",
    "weight",
)
TEXT_FIELDS = ("id", "body", "tags", "keywords", "summary")


def _rows_by_id(
    model, fields: tuple[str, ...], ids: list[int], more: tuple[str, ...] = (), more_of: Iterable[int] = ()
) -> list[dict]:
    """Rows of these ids as dicts of these fields, and of the `more` fields too for the rows `more_of`, in one
    query. On PostgreSQL each id list is one array literal: the ORM's IN list of up to 500 placeholders cost more to
    build and send than the query took to run, and a Python list made psycopg look at every element to choose the
    array's type (with the `more` list sent once per field, that was half the cost of reading a page of results)."""
    more_of = set(more_of) if more else set()
    if connection.vendor != "postgresql":
        rows = list(model.objects.filter(pk__in=ids).values(*fields, *more))
        for row in rows:
            if row["id"] not in more_of:
                for name in more:
                    del row[name]
        return rows
    quote = connection.ops.quote_name
    key = quote(model._meta.pk.column)
    columns = [quote(model._meta.get_field(name).column) for name in fields]
    columns += [f"CASE WHEN {key} = ANY(%(more_of)s::bigint[]) THEN {quote(name)} END" for name in more]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)} FROM {quote(model._meta.db_table)} "  # noqa: S608 - our names
            f"WHERE {key} = ANY(%(ids)s::bigint[])",
            {"ids": _id_array(ids), "more_of": _id_array(more_of)},
        )
        rows = [dict(zip(fields + more, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        if row["id"] not in more_of:
            for name in more:
                del row[name]
    return rows


def _id_array(ids: Iterable[int]) -> str:
    """Ids as a PostgreSQL array literal, '{1,2,3}': one string parameter."""
    return "{" + ",".join(str(int(i)) for i in ids) + "}"


READ_AT_ONCE = 50  # ranked documents read with the ranking: the first pages of results
# Of those, the first page of results (services.PER_PAGE) is read with its words, for its snippets: one query, not
# two, for most searches (a round trip to the database is a few milliseconds on a busy server).
READ_WITH_TEXT = 10


class _LaterDocuments:
    """The ranked documents beyond the first pages, read together the first time any of them is asked for (a
    filter by address or cancer type, a later page): most searches never ask, and reading 500 rows cost 6 ms."""

    def __init__(self, index: DatabaseIndex, rows: list[int]):
        self.index, self.rows, self.found = index, rows, None

    def get(self, row: int) -> Document:
        if self.found is None:
            self.found = self.index.documents(self.rows)
        # Gone since the ranking (deleted meanwhile): an empty document, listed nowhere and matching no filter.
        return self.found.get(row) or StoredDocument(key="", kind="", title="", url="", row=row)


class LaterDocument:
    """A ranked document not read yet: its kind (from memory) now, everything else when first asked for."""

    __slots__ = ("row", "kind", "_later")

    def __init__(self, row: int, kind: str, later: _LaterDocuments):
        self.row, self.kind, self._later = row, kind, later

    def read(self) -> Document:
        return self._later.get(self.row)

    def __getattr__(self, name: str):
        return getattr(self.read(), name)


class _Pending:
    """A result's place until its document is read (after ranking, for the ranked documents only)."""

    __slots__ = ("row",)

    def __init__(self, row: int):
        self.row = row


class _Pendings:
    def __getitem__(self, row: int) -> _Pending:
        return _Pending(int(row))


class Int8Vectors:
    """Unit sentence vectors in a quarter of float32's memory: each row as int8 codes times its own scale (its
    largest component / 127). Similarities move by about 0.001, well inside the gaps that rank documents (the
    search_eval figures do not change). `vectors @ query` gives every row's similarity, converting a few hundred
    rows at a time to float32 for BLAS: about as fast as float32 throughout (float16 conversion was 8 times slower).

    With many rows, `similarities()` reads all of them only as their signs (one bit per dimension, 48 bytes a row):
    the rows whose signs agree most with the query's are the only ones that can be the nearest, and only those,
    and the rows the words already matched, get their similarity worked out from the codes.
    """

    CHUNK = 256
    # Below this many rows every similarity is worked out (the demo site, a charity's own pages); above it the
    # signs pick the rows to work out: of 100,000, converting every row took 9 ms, the signs take 2.
    SIGNS_FROM_ROWS = 20_000
    NEAREST_BY_SIGNS = 5_000  # rows kept by their signs: 98 % of the 10 nearest of 100,000 (bench queries)
    BEST_WORD_MATCHES = 2_000  # rows kept by their word scores
    ROWS_AT_ONCE = 1024  # rows whose similarity is worked out together
    NOT_WORKED_OUT = -1.0  # the similarity given to the other rows: below any threshold a search applies

    def __init__(self, rows: int = 0, dimensions: int = VECTOR_SIZE):
        self.codes = np.zeros((rows, dimensions), dtype=np.int8)
        self.scales = np.zeros(rows, dtype=np.float32)
        self.signs = np.zeros((rows, -(-dimensions // 64)), dtype=np.uint64)

    @property
    def shape(self) -> tuple[int, int]:
        return self.codes.shape

    def __len__(self) -> int:
        return len(self.codes)

    def grown(self, extra: int) -> Int8Vectors:
        bigger = Int8Vectors(0, self.codes.shape[1])
        bigger.codes = np.concatenate([self.codes, np.zeros((extra, self.codes.shape[1]), dtype=np.int8)])
        bigger.scales = np.concatenate([self.scales, np.zeros(extra, dtype=np.float32)])
        bigger.signs = np.concatenate([self.signs, np.zeros((extra, self.signs.shape[1]), dtype=np.uint64)])
        return bigger

    def _signs_of(self, vectors: np.ndarray) -> np.ndarray:
        bits = np.packbits(np.atleast_2d(vectors) > 0, axis=1)
        padded = np.zeros((len(bits), self.signs.shape[1] * 8), dtype=np.uint8)
        padded[:, : bits.shape[1]] = bits
        return padded.view(np.uint64)

    def put(self, rows: list[int], vectors: np.ndarray) -> None:
        """Store float32 vectors (one per row number)."""
        largest = np.abs(vectors).max(axis=1)
        scales = np.where(largest > 0, largest / 127.0, 1.0).astype(np.float32)
        self.codes[rows] = np.rint(vectors / scales[:, None]).astype(np.int8)
        self.scales[rows] = scales
        self.signs[rows] = self._signs_of(vectors)

    def __getitem__(self, row: int) -> np.ndarray:
        return self.codes[row].astype(np.float32) * self.scales[row]

    def __matmul__(self, query: np.ndarray) -> np.ndarray:
        query = np.asarray(query, dtype=np.float32)
        out = np.empty(len(self.codes), dtype=np.float32)
        chunk = np.empty((self.CHUNK, self.codes.shape[1]), dtype=np.float32)
        for start in range(0, len(self.codes), self.CHUNK):
            codes = self.codes[start : start + self.CHUNK]
            part = chunk[: len(codes)]
            np.copyto(part, codes, casting="unsafe")
            np.dot(part, query, out=out[start : start + len(codes)])
        out *= self.scales
        return out

    def similarities(self, query: np.ndarray, lexical: np.ndarray | None = None) -> np.ndarray:
        """Each row's similarity to the query where it can matter: the rows nearest by their signs, and the rows the
        query's words match best (`lexical`: every row's word score). The rest get NOT_WORKED_OUT, so they rank by
        their words alone: a row can only be among the results if it is near in meaning or matched well."""
        if len(self.codes) < self.SIGNS_FROM_ROWS:
            return self @ query
        query = np.asarray(query, dtype=np.float32)
        differing = self._differing_signs(self._signs_of(query)[0])
        # The fewest differing signs that take in NEAREST_BY_SIGNS rows (a count per number of signs: cheaper than
        # sorting 100,000 rows).
        counts = np.cumsum(np.bincount(differing, minlength=self.codes.shape[1] + 1))
        chosen = differing <= np.searchsorted(counts, self.NEAREST_BY_SIGNS)
        if lexical is not None:
            matched = np.flatnonzero(lexical > 0)
            if len(matched) > self.BEST_WORD_MATCHES:
                matched = matched[np.argpartition(-lexical[matched], self.BEST_WORD_MATCHES)[: self.BEST_WORD_MATCHES]]
            chosen[matched] = True
        rows = np.flatnonzero(chosen)
        out = np.full(len(self.codes), self.NOT_WORKED_OUT, dtype=np.float32)
        # A thousand rows at a time: no large temporary arrays (the memory goal is per process).
        for start in range(0, len(rows), self.ROWS_AT_ONCE):
            part = rows[start : start + self.ROWS_AT_ONCE]
            out[part] = (self.codes[part].astype(np.float32) @ query) * self.scales[part]
        return out

    def _differing_signs(self, query_signs: np.ndarray) -> np.ndarray:
        """How many of each row's signs differ from the query's, a 64-sign word at a time: summing each row's few
        words along the row (numpy's reduction over a short axis) took four times as long."""
        differing = np.zeros(len(self.signs), dtype=np.uint16)
        xored = np.empty(len(self.signs), dtype=np.uint64)
        counted = np.empty(len(self.signs), dtype=np.uint8)
        for word in range(self.signs.shape[1]):
            np.bitwise_xor(self.signs[:, word], query_signs[word], out=xored)
            np.bitwise_count(xored, out=counted)
            differing += counted
        return differing


class DatabaseIndex:
    """This process's view of the database index: the same interface as engine.SearchIndex (search, plan,
    term_of, promotions, cancer_type_names, size)."""

    def __init__(self, analyzer, thesaurus: Thesaurus, encoder):
        self.analyzer = analyzer
        self.thesaurus = thesaurus
        self.encoder = encoder
        self.promotions: dict = {}
        self.cancer_type_names: dict[str, str] = {}
        self.documents_count = 0
        self.size = 0
        self.kinds = np.array([], dtype=object)
        self.weights = np.zeros(0, dtype=np.float32)
        self.current = np.zeros(0, dtype=bool)
        self.alive = np.zeros(0, dtype=bool)
        self.vectors = Int8Vectors() if encoder is not None else None
        self.spellchecker = _spellchecker()
        self.recent_queries = None
        self._engine = SearchIndex.__new__(SearchIndex)
        self._engine._intent_phrases = [
            (tuple(analyzer.terms(phrase, keep_stop_words=True)), kind)
            for kind, phrases in kind_intents().items()
            for phrase in phrases
        ]

    # -- loading -------------------------------------------------------------------------------------------------
    def load(self, rows, arrays: bool = True) -> None:
        """Add or replace these SearchDocument rows (id, live, kind, weight, current, vector). arrays=False: the
        caller loads more and calls _arrays() once at the end."""
        rows = list(rows)
        if not rows:
            return
        top = max(row[0] for row in rows) + 1
        if top > self.size:
            # Room for the next pages published too (MIN_HEADROOM).
            grow = top - self.size + max(MIN_HEADROOM, top // HEADROOM_SHARE)
            self.kinds = np.concatenate([self.kinds, np.full(grow, "", dtype=object)])
            self.weights = np.concatenate([self.weights, np.zeros(grow, dtype=np.float32)])
            self.current = np.concatenate([self.current, np.zeros(grow, dtype=bool)])
            self.alive = np.concatenate([self.alive, np.zeros(grow, dtype=bool)])
            if self.vectors is not None:
                self.vectors = self.vectors.grown(grow)
            self.size += grow
        vector_rows, vector_bytes = [], []
        for row_id, live, kind, weight, current, vector in rows:
            if not live:
                self.alive[row_id] = False  # a document taken out: its vector stays (an earlier view may use it)
                continue
            self.alive[row_id] = live
            self.kinds[row_id] = kind
            self.weights[row_id] = weight
            self.current[row_id] = current
            if self.vectors is not None and vector is not None:
                vector_rows.append(row_id)
                vector_bytes.append(bytes(vector))
        if vector_rows:
            vectors = np.frombuffer(b"".join(vector_bytes), dtype=np.float32).reshape(len(vector_rows), -1)
            self.vectors.put(vector_rows, vectors)
        if arrays:
            self._arrays()

    def changed(self) -> DatabaseIndex:
        """A copy to load changes into: searches in other threads go on with this one. New documents' vectors go
        into rows this one does not use."""
        new = copy.copy(self)
        new.alive, new.kinds = self.alive.copy(), self.kinds.copy()
        new.weights, new.current = self.weights.copy(), self.current.copy()
        new._engine = copy.copy(self._engine)
        new.recent_queries = None
        return new

    def _arrays(self) -> None:
        priors = {kind: kind_prior(kind) for kind in set(self.kinds.tolist())}
        engine = self._engine
        engine.size = self.size
        engine.weights = self.weights
        engine.priors = (np.array([priors[k] for k in self.kinds.tolist()], dtype=np.float32) * self.weights).astype(
            np.float32
        )
        engine.current = self.current
        engine.kinds = self.kinds.astype(str) if self.size else np.array([], dtype=str)
        engine.alive = self.alive
        engine.intents = [(phrase, engine.kinds == kind) for phrase, kind in engine._intent_phrases]
        engine.vectors = self.vectors
        engine.encoder = self.encoder
        engine.analyzer = self.analyzer
        engine.thesaurus = self.thesaurus
        engine._spellchecker = self.spellchecker
        engine._vocabulary_sources = []
        engine.documents = _Pendings()
        engine.promotions = self.promotions

    # -- searching -----------------------------------------------------------------------------------------------
    def _view(self) -> SearchIndex:
        """The engine over this search's postings (read from the database as the query needs them)."""
        view = copy.copy(self._engine)
        view.postings = Postings(self)
        view.idf = Idf(view.postings, self.documents_count)
        return view

    def _likely_terms(self, query: str) -> set[str]:
        terms = [self.analyzer.term(w) for w in words(query)[:32]]
        wanted = set(terms)
        for i in range(len(terms)):
            for length in range(1, self.thesaurus.longest + 1):
                for alternative in self.thesaurus.expand(tuple(terms[i : i + length])):
                    wanted.update(alternative)
        return wanted

    def plan(self, query: str, view: SearchIndex | None = None) -> QueryPlan:
        view = view or self._view()
        view.postings.fetch(self._likely_terms(query), name=self._likely_name(query))
        return SearchIndex.plan(view, query)

    def _likely_name(self, query: str) -> str:
        """The name search() will look up (the words typed, as terms, stop words aside) when nothing is corrected."""
        return _name_key({self.analyzer.term(w) for w in words(query)[:32] if w not in STOP_WORDS})

    def search(
        self, query: str, kinds: set[str] | None = None, cancer_type: str = "", include_closed: bool = False
    ) -> tuple[list[Ranked], QueryPlan]:
        from .models import SearchName

        view = self._view()
        plan = self.plan(query, view)
        typed = frozenset(term for concept in plan.concepts for term in concept.alternatives[0][0])
        named = []
        if typed:
            name = _name_key(typed)
            named = view.postings.names.get(name)
            if named is None:  # a word was corrected: not the name read with the postings
                named = list(SearchName.objects.filter(name=name).values_list("document_id", flat=True))
            named = [i for i in named if i < self.size]
        view.by_name = {typed: named}
        view.plan = lambda _query: plan
        ranked, plan = SearchIndex.search(view, query, kinds=kinds, include_closed=include_closed)
        rows = [r.document.row for r in ranked]
        # The first pages are read now; the rest (up to 500, counted by kind from memory) only if something asks.
        documents = self.documents(rows[:READ_AT_ONCE], with_text=rows[:READ_WITH_TEXT])
        later = _LaterDocuments(self, rows[READ_AT_ONCE:])
        documents.update((row, LaterDocument(row, view.kinds[row], later)) for row in later.rows)
        ranked = [
            Ranked(documents[r.document.row], r.score, r.lexical, r.semantic)
            for r in ranked
            if r.document.row in documents
        ]
        if cancer_type:
            ranked = [r for r in ranked if cancer_type in r.document.cancer_types]
        return ranked, plan

    def documents(self, ids: list[int], with_text: Iterable[int] = ()) -> dict[int, Document]:
        """The ranked documents without their words (body, tags, other names, summary), but for those `with_text`:
        up to 500 are ranked and only a page of them is shown; with_text() reads the words of those not read yet."""
        from .models import SearchDocument

        if not ids:
            return {}
        found = {}
        for row in _rows_by_id(SearchDocument, LISTED_FIELDS, ids, TEXT_FIELDS[1:], with_text):
            row_id = row.pop("id")
            row["cancer_types"] = frozenset(row["cancer_types"].split())
            found[row_id] = StoredDocument(**row, row=row_id, has_text="body" in row)
        return found

    def with_text(self, documents: list[Document]) -> list[Document]:
        """These documents with their words (the page of results shown, for its snippets), in one query."""
        from .models import SearchDocument

        documents = [d.read() if isinstance(d, LaterDocument) else d for d in documents]
        rows = [d.row for d in documents if isinstance(d, StoredDocument) and not d.has_text]
        texts = {}
        if rows:
            texts = {row.pop("id"): row for row in _rows_by_id(SearchDocument, TEXT_FIELDS, rows)}
        return [
            dataclasses.replace(d, **texts[d.row], has_text=True)
            if isinstance(d, StoredDocument) and d.row in texts
            else d
            for d in documents
        ]

    def term_of(self, word: str) -> str:
        return SearchIndex.term_of(self._engine, word)

    @property
    def live_documents(self) -> int:
        """Documents searchable now; `size` counts slots (dead rows and room for documents to come too)."""
        return int(np.count_nonzero(self.alive))


def _name_key(terms: Iterable[str]) -> str:
    return " ".join(sorted(terms))[:255]


FIELDS_LOADED = ("id", "live", "kind", "weight", "current", "vector")


def load_index(progress: Callable[[str], None] = _quiet) -> tuple[DatabaseIndex | SearchIndex, changes.Mark]:
    """This process's view of the database index, built first if it is out of date: a copy held in memory while the
    index is small (held_in_memory), else a view that reads the postings and documents each search needs."""
    from .models import SearchDocument, SearchIndexState

    ensure_built(progress)
    mark = changes.latest()
    if held_in_memory():
        return _memory_copy(SearchDocument.objects.filter(live=True).order_by("id")), mark
    analyzer = building.make_analyzer()
    index = DatabaseIndex(analyzer, Thesaurus(building.thesaurus_groups(), analyzer), get_encoder())
    state = SearchIndexState.objects.first()
    index.documents_count = state.documents if state else 0
    fields = FIELDS_LOADED if index.vectors is not None else FIELDS_LOADED[:-1]
    top = SearchDocument.objects.aggregate(top=Max("id"))["top"] or 0
    index.load([(top, False, "", 0.0, False, None)], arrays=False)  # room for every row at once
    rows = SearchDocument.objects.filter(live=True).order_by("id").values_list(*fields)
    loaded = []
    for row in rows.iterator(chunk_size=BATCH):
        loaded.append(row if len(row) == 6 else (*row, None))
        if len(loaded) >= BATCH:
            index.load(loaded, arrays=False)
            loaded = []
    index.load(loaded, arrays=False)
    index.promotions = building.promotion_table()
    index.cancer_type_names = building.cancer_type_names()
    index._arrays()
    _return_freed_memory()
    return index, mark


# -- held in memory ---------------------------------------------------------------------------------------------
DOCUMENT_FIELDS = LISTED_FIELDS[1:] + TEXT_FIELDS[1:]  # every field of a Document


def held_in_memory() -> bool:
    """Whether a process searches a copy of the database index held in its memory (settings.SEARCH_IN_MEMORY_DOCUMENTS)
    rather than reading the index per search: one query at load time."""
    from .models import SearchDocument

    limit = settings.SEARCH_IN_MEMORY_DOCUMENTS
    return limit > 0 and SearchDocument.objects.filter(live=True).count() <= limit


def _memory_copy(rows) -> SearchIndex:
    """The in-memory index of these SearchDocument rows (a queryset), with their stored sentence vectors: the same
    engine as the memory backend's, loaded from the database's rows rather than rebuilt from every app's sources (no
    reading of pages, no embedding). Every process loads the one index the database holds."""
    encoder = get_encoder()
    documents, vectors = _documents_of(rows.values_list(*DOCUMENT_FIELDS, "vector"), encoder)
    index = building.assemble(documents, vectors, encoder)
    _return_freed_memory()
    return index


def _documents_of(rows, encoder) -> tuple[list[Document], np.ndarray | None]:
    """Documents and their vectors (a zero vector where a row has none) from rows of DOCUMENT_FIELDS and vector."""
    documents, vectors = [], []
    for row in rows:
        fields = dict(zip(DOCUMENT_FIELDS, row, strict=False))
        fields["cancer_types"] = frozenset(fields["cancer_types"].split())
        documents.append(Document(**fields))
        vectors.append(row[-1])
    if encoder is None:
        return documents, None
    matrix = np.zeros((len(documents), VECTOR_SIZE), dtype=np.float32)
    for i, vector in enumerate(vectors):
        if vector is not None:
            matrix[i] = np.frombuffer(bytes(vector), dtype=np.float32)
    return documents, matrix


def _changes_in_memory(index: SearchIndex, change_ids: list[int]) -> SearchIndex:
    """The in-memory copy with what these change-log rows wrote: documents taken out (their old rows, marked dead)
    and the new rows added, scored as the memory backend scores a published page."""
    from .models import SearchDocument

    rows = list(SearchDocument.objects.filter(change_id__in=change_ids).values_list("live", *DOCUMENT_FIELDS, "vector"))
    taken_out = {row[1] for row in rows}  # a republished page's old row and new row share its key
    documents, vectors = _documents_of([row[1:] for row in rows if row[0]], index.encoder)
    return index.apply(taken_out, documents, vectors if index.vectors is not None else None)


def _return_freed_memory() -> None:
    """Give the rows read while loading back to the system: glibc keeps freed memory for later use (about 30 MB
    per process after loading 100,000 documents). Elsewhere (no glibc) there is nothing to do."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def apply_changes(
    index: DatabaseIndex | SearchIndex, mark: changes.Mark, limit: int
) -> tuple[DatabaseIndex | SearchIndex, changes.Mark] | None:
    """The index with what the change-log rows after `mark` wrote, and the new mark; None when only a full reload
    will do (something other than a page changed, the mark is gone, or too much changed)."""
    from .models import IndexChange, SearchDocument

    try:
        if mark.id and not IndexChange.objects.filter(id=mark.id, token=mark.token).exists():
            return None
        rows = list(
            IndexChange.objects.filter(id__gt=mark.id).order_by("id").values_list("id", "token", "page_id")[: limit + 1]
        )
        if len(rows) > limit or any(page_id is None for _, _, page_id in rows):
            return None
        if not rows:
            return index, mark
        if not isinstance(index, DatabaseIndex):  # held in memory
            return _changes_in_memory(index, [r[0] for r in rows]), changes.Mark(rows[-1][0], str(rows[-1][1]))
        fields = FIELDS_LOADED if index.vectors is not None else FIELDS_LOADED[:-1]
        changed = SearchDocument.objects.filter(change_id__in=[r[0] for r in rows]).values_list(*fields)
        index = index.changed()
        index.load([row if len(row) == 6 else (*row, None) for row in changed])
    except DatabaseError:
        return None
    return index, changes.Mark(rows[-1][0], str(rows[-1][1]))
