"""The term matcher: every glossary name, spelling and plural compiled into one trie-shaped regular expression.

Built once per glossary version (see services.get_matcher) and kept in the process. Matching a whole section is one
C-level regex scan over a same-length "shadow" of its HTML; only the hits reach Python.
"""

import html
import re
import time
from dataclasses import dataclass, field

from .spelling import is_case_sensitive, name_forms

# The shadow is lower case with one kind of space and apostrophe, so the pattern is plain case-sensitive literals
# (Python's regex engine skips quickly over alternatives that start with a literal). Same length as the original.
_SHADOW_SPACES = re.compile("[\t\n\r\f\v\u00a0\u2002\u2003\u2009\u202f\\-\u2010\u2011\u2013]")
# A name starts at a word start (\b is the cheapest check per position); hits right after a hyphen
# ("non-cancerous") or inside an entity ("&amp;") are ruled out in Python, which only sees the few hits.
_BEFORE = r"\b"
_AFTER = r"(?!\w)"
NOT_AFTER = frozenset("-\u2010\u2011&#")
_SPACES = re.compile(r"[\s\-\u2010\u2011\u2013]+")
MASK = "\x00"  # stands in for tags and text that must not be linked: never part of a name, never a word character


def normalise(text: str) -> str:
    """A name or a hit as a dictionary key: entities decoded, hyphens as spaces, one apostrophe, single spaces."""
    if "&" in text:
        text = html.unescape(text)
    return _SPACES.sub(" ", text.replace("\u2019", "'")).strip()


def shadow(text: str) -> str:
    """text in lower case with every kind of space and hyphen as " " and one apostrophe: same length as text."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length in lower case (e.g. "İ"): keep them as they are
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    return _SHADOW_SPACES.sub(" ", lowered).replace("\u2019", "'")


@dataclass(frozen=True)
class TermEntry:
    """What the linker needs about one term: enough to write the inline definition without touching the DB."""

    id: int
    slug: str
    term: str
    definition: str
    pronunciation: str = ""
    attribution: str = ""


@dataclass
class Matcher:
    pattern: re.Pattern | None
    insensitive: dict[str, TermEntry] = field(default_factory=dict)
    sensitive: dict[str, TermEntry] = field(default_factory=dict)
    version: object = None
    build_seconds: float = 0.0
    sensitive_lower: frozenset = frozenset()

    @property
    def size(self) -> int:
        """How many word forms (spellings and plurals included) the matcher knows."""
        return len(self.insensitive) + len(self.sensitive)

    def lookup(self, key: str, original: str) -> TermEntry | None:
        """key: the hit in the shadow; original: the same characters in the source text."""
        if "  " in key or "&" in key:
            key = normalise(key)
        if key in self.sensitive_lower:
            entry = self.sensitive.get(normalise(original))
            if entry is not None:
                return entry
        return self.insensitive.get(key)

    def find(self, text: str, shadow_text: str | None = None):
        """Yield (start, end, entry) for each longest name in text, left to right, not overlapping.

        shadow_text, if given, is shadow(text) with anything that must not be matched replaced by MASK."""
        if self.pattern is None:
            return
        lowered = shadow(text) if shadow_text is None else shadow_text
        lookup = self.lookup
        for match in self.pattern.finditer(lowered):
            start, end = match.span()
            if start and text[start - 1] in NOT_AFTER:
                continue
            entry = lookup(match.group(), text[start:end])
            if entry is not None:  # None: e.g. "all" in lower case against the acronym ALL
                yield start, end, entry


def _trie_pattern(keys: list[str]) -> str:
    """A regex that matches any of keys, shaped as a trie so each position costs a few steps, longest first."""
    trie: dict = {}
    for key in keys:
        node = trie
        for char in key:
            node = node.setdefault(char, {})
        node[""] = True

    def emit(node: dict) -> str:
        children = sorted((char, child) for char, child in node.items() if char != "")
        if not children:
            return ""
        parts = [(" +" if char == " " else re.escape(char)) + emit(child) for char, child in children]
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if "" in node:  # a name ends here, but a longer one is tried first
            return f"(?:{body})?"
        return body

    return emit(trie)


def build_matcher(terms, min_length: int = 3, version=None) -> Matcher:
    """terms: iterable of (TermEntry, [names]), best first: the first term to claim a word form keeps it."""
    started = time.perf_counter()
    insensitive: dict[str, TermEntry] = {}
    sensitive: dict[str, TermEntry] = {}
    for entry, names in terms:
        for raw_name in names:
            name = normalise(raw_name)
            if len(name) < min_length or MASK in name:
                continue
            target = sensitive if is_case_sensitive(name) else insensitive
            for form in name_forms(name):
                target.setdefault(form, entry)
    sensitive_lower = frozenset(shadow(key) for key in sensitive)
    keys = sorted(set(insensitive) | sensitive_lower)
    pattern = re.compile(f"{_BEFORE}{_trie_pattern(keys)}{_AFTER}") if keys else None
    return Matcher(
        pattern, insensitive, sensitive, version, time.perf_counter() - started, sensitive_lower=sensitive_lower
    )
