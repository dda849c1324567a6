"""Drug names as people know them: brand, generic and code names from the NCI dictionary, as thesaurus groups.

The dictionary's definition of a drug names its other names ("... It is a type of bisphosphonate. Also called
zoledronic acid and Zometa."). Each drug becomes one group: its names, and its family when the family is small
enough to say something (a handful of bisphosphonates, not the dozens of monoclonal antibodies), so "Zometa" finds
pages about zoledronic acid and about bisphosphonates, and "bisphosphonates" finds pages that name the drugs.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

SOURCE = "nci-drugs"
DRUG_DEFINITION = re.compile(
    r"^An? (drug|substance|monoclonal antibody|vaccine|hormone|combination of|type of drug|medicine)\b", re.I
)
ALSO_CALLED = re.compile(r"\bAlso called ([^.]+)\.")
FAMILY = re.compile(r"\bIt is a type of ([^.]+?)(?: and a type of [^.]+)?\.")
SPLIT_NAMES = re.compile(r",\s*(?:and|or)\s+|,\s*|\s+and\s+|\s+or\s+")
# A salt's or a hydrate's name after the drug's ("pamidronate disodium", "imatinib mesylate"): people say the drug
# alone ("pamidronate"), so that is one of its names too.
SALT = re.compile(
    r"^([a-z][a-z-]{4,})\s+(?:di|tri)?(?:sodium|potassium|hydrochloride|hcl|acetate|mesylate|citrate|sulfate|sulphate"
    r"|tartrate|maleate|besylate|tosylate|fumarate|succinate|phosphate|bromide|chloride|meglumine|dimeglumine"
    r"|monohydrate|trihydrate)$"
)
MAX_FAMILY_SIZE = 10  # a family with more members than this is too broad to stand for any one of them
MAX_TERM_LENGTH = 60


def _patient_definition(entry: dict) -> str:
    definitions = entry.get("definitions") or []
    for definition in definitions:
        if (definition.get("audience") or "").lower() == "patient":
            return definition.get("text") or ""
    return (definitions[0].get("text") or "") if definitions else ""


def _plural(family: str) -> str:
    return family if family.endswith("s") else f"{family}s"


def drug_groups(entries: Iterable[dict]) -> list[list[str]]:
    """[[name, other names…, family?]] for each drug the dictionary gives other names for."""
    drugs: list[tuple[list[str], str]] = []
    for entry in entries:
        text = " ".join(_patient_definition(entry).split())
        if not DRUG_DEFINITION.match(text):
            continue
        also = ALSO_CALLED.search(text)
        names = [entry.get("term") or ""] + (SPLIT_NAMES.split(also.group(1)) if also else [])
        names = [" ".join(n.split()).lower() for n in names]
        names += [salt[1] for salt in map(SALT.match, names) if salt]
        if len(set(names)) < 2:  # no other name to find it by
            continue
        family = FAMILY.search(text)
        drugs.append((names, family.group(1).strip().lower() if family else ""))
    family_sizes = Counter(family for _, family in drugs if family)
    groups: dict[tuple[str, ...], list[str]] = {}
    for names, family in drugs:
        terms = list(dict.fromkeys(n for n in names if 1 < len(n) <= MAX_TERM_LENGTH and "(" not in n))
        if len(terms) < 2:
            continue
        if family and family_sizes[family] <= MAX_FAMILY_SIZE and len(family) <= MAX_TERM_LENGTH:
            terms.append(_plural(family))
        groups.setdefault(tuple(sorted(terms)), terms)  # the same drug under each of its names: one group
    return list(groups.values())


def read_dictionary(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of terms")
    return data


def load(group_model, path: Path) -> tuple[int, int]:
    """Add the dictionary's drug groups that are not there yet; editors' changes are kept. Returns (added, found)."""
    groups = drug_groups(read_dictionary(path))
    existing = {tuple(sorted(g.terms_list)) for g in group_model.objects.all()}
    new = [
        group_model(terms=", ".join(terms), note="Drug names from the NCI dictionary", source=SOURCE)
        for terms in groups
        if tuple(sorted(terms)) not in existing
    ]
    group_model.objects.bulk_create(new, batch_size=500)
    return len(new), len(groups)
