"""Words in, search terms out: the same analysis for documents and queries.

Each word is lower-cased, folded to one spelling (British and American variants meet), and stemmed, so "Tumours",
"tumor" and "tumour" are one term. Stop words are dropped from queries and documents alike.
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
from functools import lru_cache

import Stemmer

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
TAG = re.compile(r"<[^>]+>")

STOP_WORDS = frozenset(
    """a an and are as at be been being but by can could do does did for from had has have how i if in into is it
    its me my of on or our so than that the their them then there these they this those to was we were what when
    where which who whom why will with would you your yours am also any about get got""".split()
)

# Snowball's English (Porter2) stemmer, from PyStemmer: the algorithm NLTK's EnglishStemmer implements, without
# importing NLTK (about 30 MB per process). Of 87,000 words in our data the two differ on 0.1 %, all rare -ization and
# -izer forms, where this one follows the reference ("stylization" -> "styliz", as "stylize"; NLTK: "stylize").
# One stemmer object is not safe to share between threads.
_stemmer = Stemmer.Stemmer("english")
_stemmer_lock = threading.Lock()


def fold(text: str) -> str:
    """Lower case without accents: 'Sézary' -> 'sezary'."""
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The words of a text as people wrote them, folded; apostrophes dropped ("hodgkin's" -> "hodgkins")."""
    return [w.replace("'", "").replace("’", "") for w in WORD.findall(fold(text))]


def strip_html(text: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", text)).split())


class Analyzer:
    """Turns words into terms, given a spelling map (variant -> canonical spelling)."""

    def __init__(self, spellings: dict[str, str] | None = None, stem_rules: list[tuple[str, str]] | None = None):
        self.spellings = spellings or {}
        # Derived forms not listed: 'oesophagectomy' takes the spelling of a listed stem ('oesophag' -> 'esophag').
        self.stem_rules = sorted(stem_rules or [], key=lambda rule: -len(rule[0]))
        # The rules by prefix, tried longest first: a few dictionary lookups a word instead of a pass over every
        # rule (the first words of each new result's snippet were 60 microseconds each).
        self._rules: dict[str, str] = {}
        for prefix, replacement in self.stem_rules:
            self._rules.setdefault(prefix, replacement)
        self._rule_lengths = sorted({len(prefix) for prefix in self._rules}, reverse=True)
        self._cache: dict[str, str] = {}

    def canonical(self, word: str) -> str:
        spelled = self.spellings.get(word)
        if spelled is not None:
            return spelled
        for length in self._rule_lengths:
            if length <= len(word):
                replacement = self._rules.get(word[:length])
                if replacement is not None:
                    return replacement + word[length:]
        return word

    def term(self, word: str) -> str:
        cached = self._cache.get(word)
        if cached is None:
            cached = _stem(self.canonical(word))
            if len(self._cache) < 500_000:
                self._cache[word] = cached
        return cached

    def terms(self, text: str, keep_stop_words: bool = False) -> list[str]:
        return [self.term(w) for w in words(text) if keep_stop_words or w not in STOP_WORDS]


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    if len(word) <= 3 or any(ch.isdigit() for ch in word):
        return word
    with _stemmer_lock:
        return _stemmer.stemWord(word)
