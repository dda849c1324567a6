"""Everyday words: words every reader knows ("bones", "symptoms"), whose link on every page would only clutter the
text. A glossary term whose name is one starts with "Link in pages" off, whether it comes from the demo or from an
imported dictionary; editors can turn linking on or off for any term, one at a time or many at once."""

# Singular names, as glossary terms are written: the linker finds plurals itself.
EVERYDAY_WORDS = frozenset(
    {
        "blood", "body", "bone", "cancer", "cell", "diagnosis", "doctor", "drug", "hospital", "infection", "medicine",
        "nurse", "pain", "scan", "side effect", "stage", "surgery", "symptom", "test", "tiredness", "treatment",
    }
)  # fmt: skip


def is_everyday(name: str) -> bool:
    return name.strip().lower() in EVERYDAY_WORDS
