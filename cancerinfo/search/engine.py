"""The in-memory search index: BM25F over title, curated words and body, with thesaurus concepts and spelling
folding, fused with sentence-embedding similarity. Built once per content version per process; read-only after.
"""

from __future__ import annotations

import copy
import math
import re
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field

import numpy as np

from .registry import Document, kind_intents, kind_prior, kinds_named_by_questions
from .spellcheck import SpellChecker
from .text import STOP_WORDS, WORD, Analyzer, fold, words

# BM25F: a word in the title says much more about a document than the same word deep in its body.
# Editors' search words are given as titles are: words the page is about.
FIELD_WEIGHTS = {"title": 2.0, "keywords": 2.0, "tags": 1.0, "body": 1.0}
# Each of a page's search words is a name of it: more of them must not make each one count for less.
FIELD_B = {"title": 0.5, "keywords": 0.0, "tags": 0.5, "body": 0.75}
K1 = 1.2
EXPANSION_WEIGHT = 0.85  # a thesaurus alternative counts a little less than the word typed
CORRECTION_WEIGHT = 0.9  # so does a corrected misspelling
LEXICAL_SHARE = 0.6  # fusion: share of the (normalised) lexical score; the rest is semantic similarity
SEMANTIC_FLOOR = 0.1  # cosine similarity below this says nothing
SEMANTIC_ONLY_MIN = 0.45  # a document with no word in common must be at least this similar to count as found
NAME_MATCH_BOOST = 1.5  # the query is the page's name (its title or one of its other names): what people look for
RELATIVE_CUTOFF = 0.25  # results scoring under this share of the best are noise
MAX_RESULTS = 500
MAX_PHRASE = 5
# Registry trials and directory entries are written elsewhere, in words we would not suggest to anyone (nor do their
# names lift them above our pages).
NOT_SPELLING_SOURCES = frozenset({"trial", "organisation"})


@dataclass
class Concept:
    """One thing the person asked for, and the ways documents may say it: [(terms, weight)]."""

    text: str
    alternatives: list[tuple[tuple[str, ...], float]]


@dataclass
class Ranked:
    document: Document
    score: float
    lexical: float
    semantic: float


@dataclass
class QueryPlan:
    concepts: list[Concept] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    highlight_terms: set[str] = field(default_factory=set)
    suggestion: str = ""
    terms: list[str] = field(default_factory=list)  # every word as searched (corrected), stop words too


class Thesaurus:
    """Groups of phrases; each phrase (as a tuple of terms) finds every other phrase of its groups."""

    def __init__(self, groups: list[list[str]], analyzer: Analyzer):
        self.by_phrase: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
        self.surface: Counter[str] = Counter()
        for group in groups:
            phrases = []
            for text in group:
                terms = tuple(analyzer.terms(text, keep_stop_words=True))
                if terms:
                    phrases.append(terms)
                self.surface.update(w for w in words(text) if w not in STOP_WORDS)
            for phrase in phrases:
                self.by_phrase[phrase].update(p for p in phrases if p != phrase)
        self.longest = min(MAX_PHRASE, max((len(p) for p in self.by_phrase), default=1))

    def expand(self, terms: tuple[str, ...]) -> set[tuple[str, ...]]:
        return self.by_phrase.get(terms, set())


class SearchIndex:
    def __init__(
        self,
        documents: list[Document],
        analyzer: Analyzer,
        thesaurus: Thesaurus,
        vectors: np.ndarray | None,
        encoder=None,
        extra_vocabulary: list[str] | None = None,
    ):
        self.documents = documents
        self.analyzer = analyzer
        self.thesaurus = thesaurus
        self.vectors = vectors
        self.encoder = encoder
        self._intent_phrases = [
            (tuple(analyzer.terms(phrase, keep_stop_words=True)), kind)
            for kind, phrases in kind_intents().items()
            for phrase in phrases
        ]
        self._build_arrays()
        self._build_postings()
        self._build_names()
        self._vocabulary_sources = extra_vocabulary or []
        self._spellchecker: SpellChecker | None = None
        self.promotions: dict[str, list[tuple[int, str]]] = {}

    # -- building ---------------------------------------------------------------------------------------------
    def _build_arrays(self) -> None:
        documents = self.documents
        self.size = len(documents)
        self.priors = np.array([kind_prior(d.kind) * d.weight for d in documents], dtype=np.float32)
        self.weights = np.array([d.weight for d in documents], dtype=np.float32)
        self.current = np.array([d.current for d in documents], dtype=bool)
        self.kinds = np.array([d.kind for d in documents]) if documents else np.array([], dtype=str)
        self.alive = getattr(self, "alive", np.ones(0, dtype=bool))
        self.alive = np.concatenate([self.alive, np.ones(self.size - len(self.alive), dtype=bool)])
        # A query that asks for a kind ("... trials", "what does ... mean") ranks it as our own pages: the kind's
        # documents keep only their own weight.
        self.intents = [(phrase, self.kinds == kind) for phrase, kind in self._intent_phrases]

    def _field_counters(self, document: Document) -> dict[str, Counter]:
        return {
            "title": Counter(self.analyzer.terms(document.title)),
            # Search words and other names are more titles, and each counts once however many names repeat it.
            "keywords": Counter(dict.fromkeys(self.analyzer.terms(document.keywords), 1)),
            "tags": Counter(self.analyzer.terms(document.tags)),
            "body": Counter(self.analyzer.terms(document.body)),
        }

    def _build_postings(self) -> None:
        """Per-field BM25 (each field its own length normalisation and IDF: 'treatment' is common in bodies but
        telling in titles), summed with field weights into one posting list per term."""
        counters = [self._field_counters(document) for document in self.documents]
        self._stats: dict[str, tuple[float, Counter]] = {}
        # A search word is as telling as the same word in a title ("cancer" in the other names of a few hundred
        # pages is not rare): the keywords field counts titles and keywords together.
        name_frequency: Counter[str] = Counter()
        for fields in counters:
            name_frequency.update(fields["title"].keys() | fields["keywords"].keys())
        for name in FIELD_WEIGHTS:
            lengths = [sum(fields[name].values()) for fields in counters]
            average = (sum(lengths) / max(len(lengths), 1)) or 1.0
            document_frequency: Counter[str] = Counter()
            if name == "keywords":
                document_frequency = name_frequency
            else:
                for fields in counters:
                    document_frequency.update(fields[name].keys())
            self._stats[name] = (average, document_frequency)
        self._stats_size = self.size
        combined: dict[str, dict[int, float]] = defaultdict(dict)
        for i, fields in enumerate(counters):
            for term, value in self._scores(fields).items():
                combined[term][i] = value
        self.postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.idf: dict[str, float] = {}
        for term, docs in combined.items():
            df = len(docs)
            self.idf[term] = math.log(1 + (self.size - df + 0.5) / (df + 0.5))
            indexes = np.fromiter(docs.keys(), dtype=np.int32, count=len(docs))
            values = np.fromiter(docs.values(), dtype=np.float32, count=len(docs))
            self.postings[term] = (indexes, values)

    def _scores(self, fields: dict[str, Counter]) -> dict[str, float]:
        """One document's BM25F contribution per term, with the collection's statistics of the last full build."""
        scores: dict[str, float] = defaultdict(float)
        for name, counter in fields.items():
            if not counter:
                continue
            average, document_frequency = self._stats[name]
            weight, b = FIELD_WEIGHTS[name], FIELD_B[name]
            norm = K1 * (1 - b + b * sum(counter.values()) / average)
            for term, count in counter.items():
                df = document_frequency.get(term, 1)
                idf = math.log(1 + (self._stats_size - df + 0.5) / (df + 0.5))
                scores[term] += weight * idf * count * (K1 + 1) / (count + norm)
        return scores

    # -- changing ---------------------------------------------------------------------------------------------
    def apply(self, remove_keys: set[str], documents: list[Document], vectors: np.ndarray | None) -> SearchIndex:
        """A copy with documents taken out and new ones added (a page published or unpublished), without a rebuild:
        removed documents are masked, added ones appended and scored with the statistics of the last full build
        (close enough until the next one). The copy shares what did not change; searches in other threads keep
        using this index until they are done."""
        new = copy.copy(self)
        new.alive = self.alive.copy()
        new.recent_queries = OrderedDict()
        for i, document in enumerate(self.documents):
            if document.key in remove_keys:
                new.alive[i] = False
        if documents:
            new.postings = dict(self.postings)
            new.idf = dict(self.idf)
            new.by_name = defaultdict(list, {name: list(rows) for name, rows in self.by_name.items()})
            new._append(documents, vectors)
        return new

    def _append(self, documents: list[Document], vectors: np.ndarray | None) -> None:
        start = self.size
        self.documents = self.documents + documents
        additions: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for offset, document in enumerate(documents):
            for term, value in self._scores(self._field_counters(document)).items():
                additions[term].append((start + offset, value))
            for name in [document.title, *document.keywords.split(",")]:
                terms = frozenset(self.analyzer.terms(name))
                if terms:
                    self.by_name[terms].append(start + offset)
        for term, rows in additions.items():
            indexes = np.array([i for i, _ in rows], dtype=np.int32)
            values = np.array([v for _, v in rows], dtype=np.float32)
            old = self.postings.get(term)
            if old is not None:
                indexes, values = np.concatenate([old[0], indexes]), np.concatenate([old[1], values])
            self.postings[term] = (indexes, values)
            df = len(indexes)
            self.idf[term] = math.log(1 + (len(self.documents) - df + 0.5) / (df + 0.5))
        if self.vectors is not None:
            if vectors is None:
                vectors = np.zeros((len(documents), self.vectors.shape[1]), dtype=np.float32)
            self.vectors = np.vstack([self.vectors, vectors])
        self._build_arrays()

    def _build_names(self) -> None:
        """Each document's names as sets of terms: its title and each of its comma-separated other names."""
        self.by_name: dict[frozenset[str], list[int]] = defaultdict(list)
        for i, document in enumerate(self.documents):
            for name in [document.title, *document.keywords.split(",")]:
                terms = frozenset(self.analyzer.terms(name))
                if terms:
                    self.by_name[terms].append(i)

    def priors_for(self, plan: QueryPlan) -> np.ndarray:
        priors = self.priors
        typed = plan.terms
        for phrase, mask in self.intents:
            length = len(phrase)
            if any(tuple(typed[i : i + length]) == phrase for i in range(len(typed) - length + 1)):
                if priors is self.priors:
                    priors = priors.copy()
                priors[mask] = self.weights[mask]
        return priors

    def named(self, plan: QueryPlan) -> list[int]:
        """The documents whose name is exactly what was typed (in any order, spelling and stop words aside)."""
        typed = frozenset(term for concept in plan.concepts for term in concept.alternatives[0][0])
        return self.by_name.get(typed, [])

    @property
    def spellchecker(self) -> SpellChecker:
        """Built on first use: most queries are spelt right."""
        if self._spellchecker is None:
            frequencies: Counter[str] = Counter()
            for document in self.documents:
                if document.kind not in NOT_SPELLING_SOURCES:
                    text = f"{document.title} {document.tags} {document.keywords}"
                    frequencies.update(w for w in words(text) if w not in STOP_WORDS)
            for text in self._vocabulary_sources:
                frequencies.update(w for w in words(text) if w not in STOP_WORDS)
            frequencies.update(self.thesaurus.surface)
            self._spellchecker = SpellChecker(frequencies)
        return self._spellchecker

    # -- querying ---------------------------------------------------------------------------------------------
    def plan(self, query: str) -> QueryPlan:
        plan = QueryPlan()
        raw_words = words(query)[:32]
        suggestion_words = []
        searched: list[str] = []
        for word in raw_words:
            correction = None
            term = self.analyzer.term(word)
            known = term in self.postings or (term,) in self.thesaurus.by_phrase  # "aredia": a drug name we know
            if word not in STOP_WORDS and not known and not word.isdigit():
                correction = self.spellchecker.correct(word)
            if correction:
                plan.corrections[word] = correction
            suggestion_words.append(correction or word)
            searched.append(correction or word)
        if plan.corrections:
            plan.suggestion = " ".join(suggestion_words)
        terms = [self.analyzer.term(w) for w in searched]
        plan.terms = terms
        stops = [w in STOP_WORDS for w in searched]
        corrected = [w in plan.corrections.values() and w not in raw_words for w in searched]
        i = 0
        while i < len(terms):
            matched = False
            for length in range(min(self.thesaurus.longest, len(terms) - i), 0, -1):
                phrase = tuple(terms[i : i + length])
                alternatives = self.thesaurus.expand(phrase)
                if alternatives and not (length == 1 and stops[i]):
                    own = tuple(t for t, s in zip(phrase, stops[i : i + length], strict=True) if not s) or phrase
                    weight = CORRECTION_WEIGHT if any(corrected[i : i + length]) else 1.0
                    options = [(own, weight)] + [
                        (tuple(t for t in alt if t not in _STOP_TERMS) or alt, weight * EXPANSION_WEIGHT)
                        for alt in sorted(alternatives)
                    ]
                    plan.concepts.append(Concept(" ".join(searched[i : i + length]), options))
                    i += length
                    matched = True
                    break
            if not matched:
                if not stops[i]:
                    weight = CORRECTION_WEIGHT if corrected[i] else 1.0
                    plan.concepts.append(Concept(searched[i], [((terms[i],), weight)]))
                i += 1
        for concept in plan.concepts:
            for position, (alternative, _) in enumerate(concept.alternatives):
                # Mark the words typed and one-word synonyms; the loose words of a synonym phrase ("bone drugs")
                # would light up half the text.
                if position == 0 or len(alternative) == 1:
                    plan.highlight_terms.update(alternative)
        return plan

    def _phrase_idf(self, terms: tuple[str, ...]) -> float:
        unknown = math.log(1 + (self.size + 0.5) / 0.5)
        return sum(self.idf.get(term, unknown) for term in terms)  # a phrase is as rare as its words together

    def lexical_scores(self, plan: QueryPlan) -> np.ndarray:
        total = np.zeros(self.size, dtype=np.float32)
        for concept in plan.concepts:
            best = None
            typed_idf = self._phrase_idf(concept.alternatives[0][0])
            for position, (terms, weight) in enumerate(concept.alternatives):
                if position:
                    # A synonym never counts for more than the word typed: "cancer" (in every document) must not
                    # turn into "malignant" (in a few titles). A typed word the site lacks leaves its synonyms whole.
                    weight *= min(1.0, typed_idf / max(self._phrase_idf(terms), 1e-6))
                postings = [self.postings.get(term) for term in terms]
                if any(p is None for p in postings) and len(terms) > 1:
                    continue  # a phrase needs all its words
                scores = None
                present = None
                for posting in postings:
                    if posting is None:
                        continue
                    if scores is None:
                        scores = np.zeros(self.size, dtype=np.float32)
                        present = np.zeros(self.size, dtype=np.int16)
                    scores[posting[0]] += posting[1]
                    present[posting[0]] += 1
                if scores is None:
                    continue
                if len(terms) > 1:
                    scores[present < len(terms)] = 0.0
                scores *= weight / len(terms) ** 0.5
                best = scores if best is None else np.maximum(best, scores)
            if best is not None:
                total += best
        return total

    def semantic_scores(self, query: str, lexical: np.ndarray | None = None) -> np.ndarray | None:
        """Every document's similarity to the query; an index of many documents may work out only those that can
        be ranked: the nearest in meaning, and those the words match best (`lexical`: every document's score)."""
        if self.encoder is None or self.vectors is None or not self.size:
            return None
        vector = self.encoder.encode_query(" ".join(words(query)[:64]))
        similarities = getattr(self.vectors, "similarities", None)
        return similarities(vector, lexical) if similarities is not None else self.vectors @ vector

    def search(
        self, query: str, kinds: set[str] | None = None, cancer_type: str = "", include_closed: bool = False
    ) -> tuple[list[Ranked], QueryPlan]:
        """include_closed: also what sources leave out by default (trials not taking people, or long silent)."""
        plan = self.plan(query)
        if not self.size or not plan.concepts:
            return [], plan
        lexical = self.lexical_scores(plan)
        lexical[~self.alive] = 0.0  # taken out since the last full build
        semantic_query = plan.suggestion or query
        semantic = self.semantic_scores(semantic_query, lexical)
        top_lexical = float(lexical.max()) if self.size else 0.0
        lexical_norm = lexical / top_lexical if top_lexical > 0 else lexical
        if semantic is not None:
            semantic_part = np.clip((semantic - SEMANTIC_FLOOR) / (1 - SEMANTIC_FLOOR), 0, 1)
            fused = LEXICAL_SHARE * lexical_norm + (1 - LEXICAL_SHARE) * semantic_part
            found = ((lexical > 0) | (semantic >= SEMANTIC_ONLY_MIN)) & self.alive
        else:
            fused = lexical_norm
            found = lexical > 0
        priors = self.priors_for(plan)
        named = self.named(plan)
        if named:
            # A page called what was typed comes before a question about it ("prostate cancer": the cancer type's
            # page, then "What is prostate cancer?"); a question is boosted when no other page has that name. The
            # person named one of our pages, so its kind's prior does not hold it back (as when they name its kind);
            # registry trials and directory entries, written elsewhere, keep theirs: our pages still come first.
            asking = kinds_named_by_questions()
            named = ([i for i in named if self.kinds[i] not in asking] if asking else named) or named
            priors = priors.copy()
            ours = [i for i in named if self.kinds[i] not in NOT_SPELLING_SOURCES]
            priors[named] *= NAME_MATCH_BOOST
            priors[ours] = self.weights[ours] * NAME_MATCH_BOOST
        fused = fused * priors
        mask = found.copy()
        if not include_closed:
            mask &= self.current
        if kinds:
            mask &= np.isin(self.kinds, list(kinds))
        if cancer_type:
            mask &= np.array([cancer_type in d.cancer_types for d in self.documents], dtype=bool)
        candidates = np.flatnonzero(mask)
        if not len(candidates):
            return [], plan
        best = float(fused[candidates].max())
        candidates = candidates[fused[candidates] >= best * RELATIVE_CUTOFF]
        order = candidates[np.argsort(-fused[candidates], kind="stable")][:MAX_RESULTS]
        ranked = [
            Ranked(
                self.documents[i],
                float(fused[i]),
                float(lexical[i]),
                float(semantic[i]) if semantic is not None else 0.0,
            )
            for i in order
        ]
        return ranked, plan

    # -- presenting -------------------------------------------------------------------------------------------
    def term_of(self, word: str) -> str:
        """The indexed term of a word as written: snippets ask this for every word of every result, so each
        spelling is analysed once per index (a property of the vocabulary, not of any query)."""
        terms = self.__dict__.get("_terms_by_word")
        if terms is None:
            terms = self._terms_by_word = {}
        term = terms.get(word)
        if term is None:
            term = terms[word] = self.analyzer.term(fold(word))
        return term


_STOP_TERMS = frozenset(STOP_WORDS)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
__all__ = ["SearchIndex", "Thesaurus", "Ranked", "QueryPlan", "WORD"]
