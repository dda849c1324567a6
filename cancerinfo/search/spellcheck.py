"""'Did you mean …?': a SymSpell-style lookup over the site's own words (titles, glossary, thesaurus, cancer types).

Every word's deletions (up to two letters) point back to it, so a misspelling finds its candidates by looking up its
own deletions: no scan of the vocabulary per query.
"""

from __future__ import annotations

from collections import defaultdict


def _deletes(word: str, distance: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(distance):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def max_distance(word: str) -> int:
    if len(word) < 4 or len(word) > 30:  # too short to correct safely; too long to be a word
        return 0
    return 1 if len(word) < 7 else 2


def damerau_levenshtein(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent swaps; stops early once it exceeds limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


class SpellChecker:
    def __init__(self, frequencies: dict[str, int]):
        self.frequencies = {w: f for w, f in frequencies.items() if len(w) >= 4 and w.isalpha()}
        self.index: dict[str, list[str]] = defaultdict(list)
        for word in self.frequencies:
            for deletion in _deletes(word, max_distance(word)):
                self.index[deletion].append(word)

    def correct(self, word: str) -> str | None:
        """The likeliest site word within reach of a misspelt word, or None."""
        if word in self.frequencies or not max_distance(word):
            return None
        limit = max_distance(word)
        best: tuple[int, int, str] | None = None
        for deletion in _deletes(word, limit):
            for candidate in self.index.get(deletion, ()):
                distance = damerau_levenshtein(word, candidate, limit)
                if distance > limit:
                    continue
                rank = (distance, -self.frequencies[candidate], candidate)
                if best is None or rank < best:
                    best = rank
        return best[2] if best else None
