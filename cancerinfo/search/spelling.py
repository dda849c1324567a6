"""British and American spellings: VarCon pairs, our own list, and stem rules for derived forms."""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
_TAGGED = re.compile(r"^\s*([A-Za-z_]+[.vVx-]?(?:\s+[A-Za-z_]+[.vVx-]?)*):\s*(.+?)\s*$")


def parse_varcon(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(British, American) pairs from varcon.txt: the preferred B (or Z) spelling and the preferred A spelling.

    A line looks like ``A Cv: acknowledgment / Av B C: acknowledgement | usage``. Clusters ('#' lines) are skipped;
    words with spaces, apostrophes or capitals are left out (names, phrases).
    """
    for line in lines:
        line = line.split("|", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        american = british = None
        for part in line.split(" / "):
            if ":" not in part:
                continue
            tags_text, word = part.split(":", 1)
            word = word.strip()
            tags = tags_text.split()
            if not word or not word.isalpha() or not word.islower():
                continue
            if "A" in tags and american is None:
                american = word
            if ("B" in tags or "Z" in tags) and british is None:
                british = word
        if american and british and american != british:
            yield british, american


def own_pairs() -> list[tuple[str, str]]:
    pairs = []
    for line in (DATA_DIR / "spellings.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        british, american = (w.strip().lower() for w in line.split(",", 1))
        pairs.append((british, american))
    return pairs


def spelling_map(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """variant -> one canonical spelling (the American one: shorter, and MedQuAD-style sources use it)."""
    mapping: dict[str, str] = {}
    for british, american in pairs:
        mapping.setdefault(british, american)
    return mapping


def stem_rules(pairs: Iterable[tuple[str, str]], min_support: int = 2) -> list[tuple[str, str]]:
    """Prefix rewrites learnt from pairs that differ near the start ('oesophag' -> 'esophag', 'haem' -> 'hem').

    A rule is kept when at least ``min_support`` pairs share it, so one odd pair does not rewrite a family of words.
    """
    support: Counter[tuple[str, str]] = Counter()
    for british, american in pairs:
        # Where do the two words stop agreeing, reading from the end?
        i = 0
        while i < min(len(british), len(american)) and british[-1 - i] == american[-1 - i]:
            i += 1
        b_head, a_head = british[: len(british) - i], american[: len(american) - i]
        if not b_head or len(b_head) > 4 or i < 3:
            continue  # the difference is not a short change at the front of a shared stem
        b_prefix = british[: len(b_head) + 3]
        a_prefix = american[: len(a_head) + 3]
        if len(b_prefix) >= 4:
            support[(b_prefix, a_prefix)] += 1
    return [rule for rule, count in support.items() if count >= min_support]
