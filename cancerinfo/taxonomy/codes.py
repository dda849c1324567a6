"""Clinical codes (ICD-10 and SNOMED CT): their format, how they are written, and their ancestors.

Plain functions, shared by the codes editors keep on cancer types and booklets and by the API's lookup by code.

- ICD-10: a letter and two digits (the category, C79), then optionally a dot and one or two more characters (the
  subcategory, C79.5; a national extension's fifth character, C79.51). Written in capitals with the dot: c795 and
  C79.5 are the same code. Its hierarchy is in the code itself: C79.51's ancestors are C79.5 and C79.
- SNOMED CT: a concept id, 6 to 18 digits, whose last digit is a Verhoeff check digit and whose two digits before it
  say it is a concept (partition 00, or 10 in an extension). The hierarchy is not in the id (it needs the release's
  relationships, which we do not hold), so a concept matches only itself.
"""

import re
from dataclasses import dataclass

ICD10 = "icd10"
SNOMED = "snomed"
SYSTEM_CHOICES = [(ICD10, "ICD-10"), (SNOMED, "SNOMED CT")]
SYSTEM_NAMES = dict(SYSTEM_CHOICES)
# schema.org MedicalCode.codingSystem
CODING_SYSTEMS = {ICD10: "ICD-10", SNOMED: "SNOMED CT"}

ICD10_PATTERN = re.compile(r"^([A-Z][0-9]{2})([0-9A-Z]{1,2})?$")
SNOMED_PATTERN = re.compile(r"^[1-9][0-9]{5,17}$")
SNOMED_CONCEPT_PARTITIONS = ("00", "10")


class CodeError(ValueError):
    """Not a code of that system; the message says what one looks like."""


@dataclass(frozen=True)
class Code:
    system: str
    code: str

    @property
    def coding_system(self) -> str:
        return CODING_SYSTEMS[self.system]


def normalise(system: str, value: str) -> str:
    """The code as we keep it (C79.5, 94222008), or CodeError saying what is wrong."""
    if system not in SYSTEM_NAMES:
        raise CodeError(f"Unknown coding system {system!r}: use one of {', '.join(SYSTEM_NAMES)}.")
    text = (value or "").strip()
    if not text:
        raise CodeError("Give a code.")
    if system == ICD10:
        return _icd10(text)
    return _snomed(text)


def _icd10(text: str) -> str:
    head, dot, tail = text.upper().partition(".")
    found = ICD10_PATTERN.match(head + tail)
    if found is None or (dot and (len(head) != 3 or not tail)):
        raise CodeError(
            f"{text!r} is not an ICD-10 code: a letter and two digits, then optionally a dot and one or two more "
            "letters or digits, as in C50 or C79.5."
        )
    category, rest = found.groups()
    return f"{category}.{rest}" if rest else category


def _snomed(text: str) -> str:
    if not SNOMED_PATTERN.match(text):
        raise CodeError(
            f"{text!r} is not a SNOMED CT concept id: 6 to 18 digits, not starting with 0, as in 254837009."
        )
    if not verhoeff_valid(text):
        raise CodeError(f"{text} is not a SNOMED CT concept id: its last digit (the check digit) does not match.")
    if text[-3:-1] not in SNOMED_CONCEPT_PARTITIONS:
        raise CodeError(
            f"{text} is a SNOMED CT id, but not of a concept (its partition is {text[-3:-1]}; a concept's is 00 or "
            "10): give the concept id, not a description's or a relationship's."
        )
    return text


def ancestors(system: str, code: str) -> list[str]:
    """A normalised code and the codes above it, most specific first: C79.51 → [C79.51, C79.5, C79]. SNOMED CT's
    hierarchy is not in its ids: a concept is its own only ancestor here."""
    if system != ICD10:
        return [code]
    category, _, rest = code.partition(".")
    return [f"{category}.{rest[:n]}" for n in range(len(rest), 0, -1)] + [category]


def specificity(code: str) -> int:
    """How deep the code sits: C79 → 3, C79.5 → 4, C79.51 → 5. A longer ancestor is a closer match."""
    return len(code.replace(".", ""))


# --- Verhoeff's check digit (SNOMED CT ids end with one) ------------------------------------------------------------

_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]


def verhoeff_valid(digits: str) -> bool:
    check = 0
    for position, digit in enumerate(reversed(digits)):
        check = _D[check][_P[position % 8][int(digit)]]
    return check == 0
