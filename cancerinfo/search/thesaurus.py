"""The thesaurus we ship (data/thesaurus.txt) and loading it into the editable ThesaurusGroup snippet."""

from __future__ import annotations

from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "thesaurus.txt"


def shipped_groups(path: Path = DATA_FILE) -> list[list[str]]:
    groups = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        terms = [" ".join(t.split()).lower() for t in line.split(",") if t.strip()]
        if len(terms) >= 2:
            groups.append(terms)
    return groups


def load_shipped(group_model, replace: bool = False) -> int:
    """Add the shipped groups that are not there yet (by their exact text). Returns how many were added."""
    if replace:
        group_model.objects.all().delete()
    existing = {", ".join(t.strip().lower() for t in g.terms.split(",")) for g in group_model.objects.all()}
    added = 0
    for terms in shipped_groups():
        text = ", ".join(terms)
        if text not in existing:
            group_model.objects.create(terms=text)
            added += 1
    return added
