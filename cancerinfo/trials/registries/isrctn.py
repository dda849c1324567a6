"""The ISRCTN registry (the main UK registry): read its XML and turn each trial into a TrialRecord.

The format is ISRCTN's own, as its API serves it (https://www.isrctn.com/api/query/format/default?q=…, a draft
documented from the registry's FAQs): an `<allTrials>` root in the namespace http://www.67bricks.com/isrctn holding
one `<fullTrial>` per trial, each with a `<trial>` (its number, description, external references, design,
participants and centres, conditions, interventions) and the `<contact>`, `<sponsor>` and `<funder>` it refers to.
A file holding a single `<fullTrial>` is read too, and so is a folder of `*.xml` files. docs/trials.md says how to
fetch an export; `tests/data/isrctn_sample.xml` is a small file in this format.

ISRCTN gives no single status field: like the registry's own pages, the status is worked out from the recruitment
dates on the day of the import, unless the record overrides it ("Suspended", "Stopped"…).

A file that is not well-formed XML (or declares entities, which we refuse) stops the import with its path and line
and nothing is saved; a `<fullTrial>` without a usable ISRCTN number or title is reported with its line and skipped.
"""

import datetime
import functools
import re
import xml.etree.ElementTree as ET  # noqa: S405 - elements only; parsing goes through defusedxml below
from collections.abc import Iterator
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ..choices import IdentifierScheme, Phase, Registry, Sex, Status
from .base import RecordError, SiteRecord, SourceFileError, SourceItem, TrialRecord
from .clinicaltrials_gov import parse_age_months

REGISTRY = Registry.ISRCTN
NAMESPACE = "http://www.67bricks.com/isrctn"
TRIAL_URL = "https://www.isrctn.com/{id}"
ISRCTN_RE = re.compile(r"^(?:ISRCTN)?\s*(\d{8})$", re.IGNORECASE)
NCT_RE = re.compile(r"NCT\d{8}", re.IGNORECASE)
EUDRACT_RE = re.compile(r"\b(\d{4}-\d{6}-\d{2})\b")
DIGITS_RE = re.compile(r"^\s*(?:IRAS|CPMS)?\s*:?\s*(\d{3,9})\s*$", re.IGNORECASE)
CHUNK_BYTES = 64 * 1024

# Words the registry puts in empty fields.
PLACEHOLDER_RE = re.compile(
    r"^\s*((plain english summary( of protocol)?|summary)\s+)?(not provided|not applicable|not available)"
    r"( at (the )?time of registration)?\.?\s*$|^\s*(nil known|none|n/?a|not known|-)\.?\s*$",
    re.IGNORECASE,
)

SEXES = {"all": Sex.ALL, "both": Sex.ALL, "female": Sex.FEMALE, "male": Sex.MALE}
ROMAN = {"0": 0, "i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
MONTHS_PER_UNIT = {"year": 12.0, "month": 1.0, "week": 12 / 52.1775, "day": 12 / 365.25}
# An age range word, used only when the record gives no age limits.
AGE_RANGES = {"adult": (216, None), "senior": (216, None), "child": (None, 215), "neonate": (None, 1)}


def today() -> datetime.date:
    """The day the status is worked out for (a function, so that tests can fix it)."""
    return datetime.date.today()


# --------------------------------------------------------------------------------------------------- reading


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _Collector:
    """A parser target that builds each <fullTrial> and notes the line it starts on."""

    def __init__(self):
        self.builder = ET.TreeBuilder()
        self.parser = None
        self.depth = 0
        self.root = None
        self.trial_depth = 2
        self.trial_line = 0
        self.done: list[tuple[int, ET.Element]] = []

    def start(self, tag, attrs):
        self.depth += 1
        element = self.builder.start(tag, attrs)
        if self.depth == 1:
            self.root = element
            if _local(tag) == "fullTrial":
                self.trial_depth = 1
            elif _local(tag) != "allTrials":
                raise SourceFileError("", f"not an ISRCTN export: the root element is <{_local(tag)}>, not <allTrials>")
        if self.depth == self.trial_depth and _local(tag) == "fullTrial":
            self.trial_line = self.parser.parser.CurrentLineNumber
        return element

    def end(self, tag):
        element = self.builder.end(tag)
        if self.depth == self.trial_depth and _local(tag) == "fullTrial":
            self.done.append((self.trial_line, element))
        self.depth -= 1
        return element

    def data(self, data):
        self.builder.data(data)

    def close(self):
        return self.builder.close()


def _items_in_file(path: Path) -> Iterator[SourceItem]:
    collector = _Collector()
    parser = DefusedXMLParser(target=collector, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    collector.parser = parser

    def line() -> int:
        return parser.parser.CurrentLineNumber

    try:
        handle = path.open("rb")
    except OSError as exc:
        raise SourceFileError(str(path), f"cannot read the file ({exc.strerror})") from exc
    with handle:
        while True:
            try:
                chunk = handle.read(CHUNK_BYTES)
                if chunk:
                    parser.feed(chunk)
                else:
                    parser.close()
            except ET.ParseError as exc:
                row, column = exc.position
                message = str(exc).split(":")[0]
                raise SourceFileError(f"{path}:{row}", f"not well-formed XML ({message}, column {column + 1})") from exc
            except DefusedXmlException as exc:
                raise SourceFileError(f"{path}:{line()}", f"refused: {exc}") from exc
            except SourceFileError as exc:
                raise SourceFileError(f"{path}:{line()}", exc.reason) from exc
            for number, element in collector.done:
                yield SourceItem(f"{path}:{number}", data=element)
                if collector.root is not None and collector.root is not element:
                    collector.root.remove(element)  # keep memory flat on a whole-registry export
            collector.done.clear()
            if not chunk:
                return


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".xml")
    return [path]


def read_items(path) -> Iterator[SourceItem]:
    """Every <fullTrial> in a file or folder, each with its "file:line". Raises SourceFileError for a file that is not
    well-formed XML: the caller saves nothing (the importer reads every file before it writes)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"No such file or folder: {path}")
    for file in _files(path):
        yield from _items_in_file(file)


# --------------------------------------------------------------------------------------------------- parsing


@functools.cache
def _qualified(namespace: str, path: str) -> str:
    return "/".join(f"{namespace}{name}" for name in path.split("/"))


def _namespace(element) -> str:
    return element.tag[: element.tag.index("}") + 1] if element.tag.startswith("{") else ""


def _find(element, path: str):
    """The first element at a slash-separated path of local names, in the element's namespace (or none)."""
    if element is None:
        return None
    return element.find(_qualified(_namespace(element), path))


def _find_all(element, path: str) -> list:
    if element is None:
        return []
    return element.findall(_qualified(_namespace(element), path))


def _text(element, path: str = "", limit: int | None = None, raw: bool = False) -> str:
    """The element's text, stripped; '' for a placeholder such as "Not provided at time of registration" unless
    `raw` (a phase of "Not Applicable" means something)."""
    if path:
        element = _find(element, path)
    if element is None or element.text is None:
        return ""
    text = element.text.strip()
    if not raw and PLACEHOLDER_RE.match(text):
        return ""
    return text[:limit] if limit else text


def _date(value: str) -> datetime.date | None:
    value = (value or "").strip()[:10]
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def map_phase(value: str) -> str:
    """'Phase I/II' -> '1_2', 'Phase III' -> '3', 'Not Applicable' -> 'na'; anything else -> '' (not given)."""
    text = (value or "").strip().lower()
    if not text or "not specified" in text:
        return Phase.UNKNOWN
    if "not applicable" in text or text in {"n/a", "na"}:
        return Phase.NOT_APPLICABLE
    numbers = sorted({ROMAN[n] for n in re.findall(r"\b(iv|iii|ii|i|0|1|2|3|4)\b", text.replace("phase", " "))})
    if numbers == [0]:
        return Phase.EARLY_1
    numbers = [n for n in numbers if n]
    try:
        return Phase("_".join(str(n) for n in numbers)) if numbers else Phase.UNKNOWN
    except ValueError:
        return Phase.UNKNOWN


def _age_limit(element) -> int | None:
    if element is None:
        return None
    unit = (element.get("unit") or "").strip().lower().rstrip("s")
    try:
        value = float(element.get("value") or "")
    except ValueError:
        return parse_age_months(element.text)
    if unit not in MONTHS_PER_UNIT or value < 0:
        return parse_age_months(element.text)
    return int(value * MONTHS_PER_UNIT[unit])


def _ages(participants) -> tuple[int | None, int | None]:
    low = _age_limit(_find(participants, "lowerAgeLimit"))
    high = _age_limit(_find(participants, "upperAgeLimit"))
    if low is None and high is None:
        return AGE_RANGES.get(_text(participants, "ageRange").lower(), (None, None))
    return low, high


def _override_status(value: str, ended: bool) -> str | None:
    text = value.lower()
    if not text:
        return None
    if "suspend" in text:
        return Status.SUSPENDED
    if "withdraw" in text:
        return Status.WITHDRAWN
    if "stop" in text or "terminat" in text or "abandon" in text:
        return Status.TERMINATED
    if "complete" in text:
        return Status.COMPLETED
    if "not yet" in text or "anticipated" in text:
        return Status.NOT_YET_RECRUITING
    if "no longer" in text or "closed" in text:
        return Status.COMPLETED if ended else Status.ACTIVE_NOT_RECRUITING
    if "recruiting" in text or "open" in text:
        return Status.RECRUITING
    return None


def derive_status(participants, design, on: datetime.date) -> str:
    """The registry's own rule: before the recruitment start it is opening soon, between start and end it is
    recruiting, after the end it is closed (finished once the overall end date has passed). An override in the
    record (suspended, stopped…) wins."""
    start = _date(_text(participants, "recruitmentStart"))
    end = _date(_text(participants, "recruitmentEnd"))
    overall_end = _date(_text(design, "overallEndDate"))
    ended = overall_end is not None and overall_end < on
    for value in (_text(participants, "recruitmentStatusOverride"), _text(design, "overallStatusOverride")):
        status = _override_status(value, ended)
        if status:
            return status
    if _text(design, "reasonAbandoned"):
        return Status.TERMINATED
    if start is None and end is None:
        return Status.COMPLETED if ended else Status.UNKNOWN
    if start is not None and on < start:
        return Status.NOT_YET_RECRUITING
    if end is not None and end < on:
        return Status.COMPLETED if ended else Status.ACTIVE_NOT_RECRUITING
    if end is None and ended:
        return Status.COMPLETED
    return Status.RECRUITING


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not PLACEHOLDER_RE.match(line)]


def _eligibility(participants) -> str:
    parts = []
    for heading, name in (("Inclusion Criteria:", "inclusion"), ("Exclusion Criteria:", "exclusion")):
        text = _text(participants, name)
        if text:
            parts.append(f"{heading}\n\n{text}")
    return "\n\n".join(parts)


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def _interventions(trial) -> list[str]:
    items = []
    for intervention in _find_all(trial, "interventions/intervention"):
        kind = _text(intervention, "interventionType")
        drugs = _text(intervention, "drugNames")
        if drugs:
            items.append(f"{kind or 'Drug'}: {drugs}")
        elif kind and kind.lower() not in {"other", "mixed"}:
            items.append(kind)
        else:
            description = _first_sentence(_text(intervention, "description"))
            if description and len(description) <= 300:
                items.append(description)
    return items


def _phase(trial) -> str:
    phases = [map_phase(_text(i, "phase", raw=True)) for i in _find_all(trial, "interventions/intervention")]
    known = [p for p in phases if p not in (Phase.UNKNOWN, Phase.NOT_APPLICABLE)]
    if known:
        return max(known, key=lambda p: p.replace("early_", "0"))
    return Phase.NOT_APPLICABLE if Phase.NOT_APPLICABLE in phases else Phase.UNKNOWN


def _site(centre) -> SiteRecord:
    return SiteRecord(
        name=_text(centre, "name", 300),
        address=_text(centre, "address", 300),
        city=_text(centre, "city", 120),
        postcode=_text(centre, "zip", 20),
        country=_text(centre, "country", 80),
    )


def _contact_types(contact) -> set[str]:
    types = {_text(t).lower() for t in _find_all(contact, "contactTypes/contactType")}
    return (types | {_text(contact, "contactType").lower()}) - {""}


def _contacts(full_trial) -> str:
    """Public contacts first, then scientific ones; never a contact the record marks as not public."""
    chosen = []
    for contact in _find_all(full_trial, "contact"):
        privacy = _text(contact, "privacy").lower()
        if privacy and privacy != "public":
            continue
        types = _contact_types(contact)
        rank = 0 if "public" in types else 1 if "scientific" in types else 2
        name = " ".join(part for part in (_text(contact, "forename"), _text(contact, "surname")) if part)
        details = _find(contact, "contactDetails")
        parts = [name, _text(details, "telephone"), _text(details, "email")]
        line = ", ".join(part for part in parts if part)
        if line:
            chosen.append((rank, line))
    return "\n".join(dict.fromkeys(line for _, line in sorted(chosen, key=lambda item: item[0])))


def _secondary_ids(refs) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for match in NCT_RE.findall(_text(refs, "clinicalTrialsGovNumber")):
        found.append((IdentifierScheme.NCT, match.upper()))
    for match in EUDRACT_RE.findall(_text(refs, "eudraCTNumber")):
        found.append((IdentifierScheme.EUDRACT, match))
    iras = DIGITS_RE.match(_text(refs, "irasNumber"))
    if iras:
        found.append((IdentifierScheme.IRAS, iras.group(1)))
    for number in _find_all(refs, "secondaryNumbers/secondaryNumber"):
        kind = (number.get("numberType") or "").strip().lower()
        value = _text(number)
        canonical = (number.get("canonicalSecondaryNumber") or "").strip()
        if kind == "nct" or NCT_RE.fullmatch(value):
            found.extend((IdentifierScheme.NCT, m.upper()) for m in NCT_RE.findall(canonical or value))
        elif kind in {"eudract", "ctis"} and EUDRACT_RE.search(value):
            found.append((IdentifierScheme.EUDRACT, EUDRACT_RE.search(value).group(1)))
        elif kind in {"iras", "cpms"} and DIGITS_RE.match(value):
            found.append((IdentifierScheme(kind), DIGITS_RE.match(value).group(1)))
    return list(dict.fromkeys(found))


def parse_record(data, on: datetime.date | None = None) -> TrialRecord:
    """One <fullTrial> element -> TrialRecord, its status worked out for the day `on` (today by default).
    Raises RecordError when it is not a usable trial."""
    if not isinstance(data, ET.Element) or _local(data.tag) != "fullTrial":
        raise RecordError("not a <fullTrial> element")
    trial = _find(data, "trial")
    if trial is None:
        raise RecordError("no <trial> in this <fullTrial>")
    raw_number = _text(trial, "isrctn") or (trial.get("publicIdentifierCanonical") or "")
    match = ISRCTN_RE.match(raw_number.strip())
    if not match:
        raise RecordError(f"missing or malformed ISRCTN number {raw_number!r}")
    isrctn_id = f"ISRCTN{match.group(1)}"
    description = _find(trial, "trialDescription")
    title = _text(description, "title", 500) or _text(description, "scientificTitle", 500)
    if not title:
        raise RecordError(f"{isrctn_id} has no title")

    participants = _find(trial, "participants")
    design = _find(trial, "trialDesign")
    min_age, max_age = _ages(participants)
    condition_elements = _find_all(trial, "conditions/condition")
    conditions = [line[:300] for c in condition_elements for line in _lines(_text(c, "description"))]
    sponsors = [_text(s, "organisation", 300) for s in _find_all(data, "sponsor")]

    return TrialRecord(
        registry=REGISTRY,
        registry_id=isrctn_id,
        registry_url=TRIAL_URL.format(id=isrctn_id),
        title=title,
        official_title=_text(description, "scientificTitle"),
        registry_summary=_text(description, "plainEnglishSummary") or _text(description, "studyHypothesis"),
        interventions=_interventions(trial),
        registry_eligibility=_eligibility(participants),
        conditions=list(dict.fromkeys(conditions)),
        condition_terms=[t for c in condition_elements if (t := _text(c, "diseaseClass2"))],
        broader_terms=[t for c in condition_elements if (t := _text(c, "diseaseClass1"))],
        phase=_phase(trial),
        status=derive_status(participants, design, on or today()),
        min_age_months=min_age,
        max_age_months=max_age,
        sex=SEXES.get(_text(participants, "gender").lower(), Sex.ALL),
        sponsor=next((s for s in sponsors if s), ""),
        central_contact=_contacts(data),
        last_updated=_date(trial.get("lastUpdated") or ""),
        sites=[_site(centre) for centre in _find_all(participants, "trialCentres/trialCentre")],
        secondary_ids=_secondary_ids(_find(trial, "externalRefs")),
    )
