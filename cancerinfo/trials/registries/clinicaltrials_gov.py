"""ClinicalTrials.gov API v2 JSON: read files of study records and turn each study into a TrialRecord.

Everything that knows the shape of ClinicalTrials.gov data lives here; the importer only sees TrialRecords.
Accepted inputs: one study per line (NDJSON), a JSON array of studies, an API search response ({"studies": [...]}),
a single study per file, or a folder holding any of these (*.json, *.ndjson, *.jsonl).
"""

import datetime
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..choices import IdentifierScheme, Phase, Registry, Sex, Status
from .base import RecordError, SiteRecord, SourceItem, TrialRecord

REGISTRY = Registry.CLINICALTRIALS_GOV
STUDY_URL = "https://clinicaltrials.gov/study/{id}"
NCT_ID_RE = re.compile(r"^NCT\d{8}$")
ISRCTN_RE = re.compile(r"ISRCTN\s*(\d{8})\b", re.IGNORECASE)
EUDRACT_RE = re.compile(r"^\s*(\d{4}-\d{6}-\d{2})\s*$")
FILE_SUFFIXES = {".json", ".ndjson", ".jsonl"}

STATUSES = {
    "RECRUITING": Status.RECRUITING,
    "NOT_YET_RECRUITING": Status.NOT_YET_RECRUITING,
    "ENROLLING_BY_INVITATION": Status.ENROLLING_BY_INVITATION,
    "ACTIVE_NOT_RECRUITING": Status.ACTIVE_NOT_RECRUITING,
    "SUSPENDED": Status.SUSPENDED,
    "TEMPORARILY_NOT_AVAILABLE": Status.SUSPENDED,
    "COMPLETED": Status.COMPLETED,
    "NO_LONGER_AVAILABLE": Status.COMPLETED,
    "APPROVED_FOR_MARKETING": Status.COMPLETED,
    "TERMINATED": Status.TERMINATED,
    "WITHDRAWN": Status.WITHDRAWN,
    "WITHHELD": Status.WITHDRAWN,
    "AVAILABLE": Status.RECRUITING,  # expanded access that is open
    "UNKNOWN": Status.UNKNOWN,
}

SEXES = {"ALL": Sex.ALL, "BOTH": Sex.ALL, "FEMALE": Sex.FEMALE, "MALE": Sex.MALE}

INTERVENTION_TYPES = {
    "DRUG": "Drug",
    "BIOLOGICAL": "Biological therapy",
    "PROCEDURE": "Procedure",
    "RADIATION": "Radiotherapy",
    "DEVICE": "Device",
    "BEHAVIORAL": "Behavioural",
    "GENETIC": "Genetic",
    "DIETARY_SUPPLEMENT": "Dietary supplement",
    "COMBINATION_PRODUCT": "Combination product",
    "DIAGNOSTIC_TEST": "Diagnostic test",
    "OTHER": "Other",
}

AGE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(year|month|week|day|hour|minute)s?\s*$", re.IGNORECASE)
MONTHS_PER_UNIT = {"year": 12.0, "month": 1.0, "week": 12 / 52.1775, "day": 12 / 365.25, "hour": 0.0, "minute": 0.0}


def _key(value) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", str(value).upper()).strip("_")


def map_status(value) -> str:
    """'RECRUITING' (or 'Recruiting', 'Not yet recruiting') -> our status; anything else -> unknown."""
    if not value:
        return Status.UNKNOWN
    return STATUSES.get(_key(value), Status.UNKNOWN)


def map_phase(phases) -> str:
    """['PHASE1', 'PHASE2'] -> '1_2'; ['NA'] -> 'na'; [] or None -> '' (not given)."""
    if isinstance(phases, str):
        phases = [phases]
    if not phases:
        return Phase.UNKNOWN
    keys = {_key(p) for p in phases if p}
    if keys & {"NA", "N_A", "NOT_APPLICABLE"} and len(keys) == 1:
        return Phase.NOT_APPLICABLE
    numbers = set()
    early = False
    for key in keys:
        digits = re.findall(r"[1-4]", key)
        if key.startswith("EARLY"):
            early = True
        numbers.update(int(d) for d in digits)
    if early and numbers <= {1}:
        return Phase.EARLY_1
    combined = "_".join(str(n) for n in sorted(numbers))
    try:
        return Phase(combined)
    except ValueError:
        return Phase.UNKNOWN


def parse_age_months(value) -> int | None:
    """'18 Years' -> 216, '6 Months' -> 6, '8 Weeks' -> 1; missing or unreadable -> None (no limit)."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return None
    match = AGE_RE.match(str(value))
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2).lower()
    return int(number * MONTHS_PER_UNIT[unit])


def map_sex(value) -> str:
    if not value:
        return Sex.ALL
    return SEXES.get(_key(value), Sex.ALL)


def _date(value) -> datetime.date | None:
    if not isinstance(value, str):
        return None
    for fmt in ("%Y-%m-%d", "%Y-%m"):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _text(value, limit: int | None = None) -> str:
    if value is None:
        return ""
    text = html.unescape(str(value)).strip()  # some records carry HTML entities such as &#39;
    return text[:limit] if limit else text


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _coordinate(value, limit: float) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    value = float(value)
    return value if -limit <= value <= limit else None


def _contact_lines(contacts) -> str:
    lines = []
    for contact in _list(contacts):
        contact = _dict(contact)
        phone = _text(contact.get("phone"))
        if phone and contact.get("phoneExt"):
            phone = f"{phone} (extension {_text(contact.get('phoneExt'))})"
        parts = [_text(contact.get("name")), phone, _text(contact.get("email"))]
        line = ", ".join(part for part in parts if part)
        if line:
            lines.append(line)
    return "\n".join(lines)


def _site(location: dict) -> SiteRecord:
    geo = _dict(location.get("geoPoint"))
    latitude, longitude = _coordinate(geo.get("lat"), 90), _coordinate(geo.get("lon"), 180)
    if latitude is None or longitude is None:
        latitude = longitude = None
    return SiteRecord(
        name=_text(location.get("facility"), 300),
        address=_text(location.get("state"), 300),
        city=_text(location.get("city"), 120),
        postcode=_text(location.get("zip"), 20),
        country=_text(location.get("country"), 80),
        latitude=latitude,
        longitude=longitude,
        contact=_contact_lines(location.get("contacts")),
        recruiting_status=map_status(location.get("status")) if location.get("status") else "",
    )


def _secondary_ids(ident: dict) -> list[tuple[str, str]]:
    """The ISRCTN and EudraCT numbers among the study's secondary ids (ISRCTN ones merge it with an ISRCTN record)."""
    found = []
    for info in _list(ident.get("secondaryIdInfos")):
        info = _dict(info)
        value, domain = _text(info.get("id")), _text(info.get("domain"))
        isrctn = ISRCTN_RE.search(value)
        if not isrctn and "ISRCTN" in domain.upper():  # {"id": "12345678", "domain": "ISRCTN"}
            isrctn = ISRCTN_RE.fullmatch(f"ISRCTN{value.strip()}")
        if isrctn:
            found.append((IdentifierScheme.ISRCTN, f"ISRCTN{isrctn.group(1)}"))
        elif _key(info.get("type", "")) == "EUDRACT_NUMBER" and EUDRACT_RE.match(value):
            found.append((IdentifierScheme.EUDRACT, EUDRACT_RE.match(value).group(1)))
    return list(dict.fromkeys(found))


def parse_record(data) -> TrialRecord:
    """One API v2 study -> TrialRecord. Raises RecordError when it is not a usable study."""
    if not isinstance(data, dict):
        raise RecordError("not a JSON object")
    protocol = data.get("protocolSection")
    if not isinstance(protocol, dict):
        raise RecordError("no protocolSection: not a ClinicalTrials.gov API v2 study")
    ident = _dict(protocol.get("identificationModule"))
    nct_id = _text(ident.get("nctId")).upper()
    if not NCT_ID_RE.match(nct_id):
        raise RecordError(f"missing or malformed nctId {ident.get('nctId')!r}")
    title = _text(ident.get("briefTitle"), 500) or _text(ident.get("officialTitle"), 500)
    if not title:
        raise RecordError(f"{nct_id} has no title")

    status = _dict(protocol.get("statusModule"))
    description = _dict(protocol.get("descriptionModule"))
    conditions = _dict(protocol.get("conditionsModule"))
    design = _dict(protocol.get("designModule"))
    eligibility = _dict(protocol.get("eligibilityModule"))
    sponsors = _dict(protocol.get("sponsorCollaboratorsModule"))
    contacts = _dict(protocol.get("contactsLocationsModule"))
    arms = _dict(protocol.get("armsInterventionsModule"))
    browse = _dict(_dict(data.get("derivedSection")).get("conditionBrowseModule"))

    interventions = []
    for item in _list(arms.get("interventions")):
        item = _dict(item)
        name = _text(item.get("name"))
        if name:
            kind = INTERVENTION_TYPES.get(_key(item.get("type", "")), "")
            interventions.append(f"{kind}: {name}" if kind else name)

    terms = {
        group: [_text(_dict(mesh).get("term")) for mesh in _list(browse.get(group))]
        for group in ("meshes", "ancestors")
    }

    return TrialRecord(
        registry=REGISTRY,
        registry_id=nct_id,
        registry_url=STUDY_URL.format(id=nct_id),
        title=title,
        official_title=_text(ident.get("officialTitle")),
        registry_summary=_text(description.get("briefSummary")),
        interventions=interventions,
        registry_eligibility=_text(eligibility.get("eligibilityCriteria")),
        conditions=[_text(c, 300) for c in _list(conditions.get("conditions")) if _text(c)],
        condition_terms=[t for t in terms["meshes"] if t],
        broader_terms=[t for t in terms["ancestors"] if t],
        phase=map_phase(design.get("phases")),
        status=map_status(status.get("overallStatus")),
        min_age_months=parse_age_months(eligibility.get("minimumAge")),
        max_age_months=parse_age_months(eligibility.get("maximumAge")),
        sex=map_sex(eligibility.get("sex")),
        sponsor=_text(_dict(sponsors.get("leadSponsor")).get("name"), 300),
        central_contact=_contact_lines(contacts.get("centralContacts")),
        last_updated=_date(_dict(status.get("lastUpdatePostDateStruct")).get("date"))
        or _date(status.get("lastUpdateSubmitDate")),
        sites=[_site(_dict(location)) for location in _list(contacts.get("locations"))],
        secondary_ids=_secondary_ids(ident),
    )


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FILE_SUFFIXES)
    return [path]


def _items_in_file(path: Path) -> Iterator[SourceItem]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        yield SourceItem(str(path), error=f"cannot read the file: {exc}")
        return
    stripped = text.lstrip()
    if not stripped:
        return
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    one_per_line = False
    if not stripped.startswith("["):
        try:
            one_per_line = isinstance(json.loads(first_line), dict)
        except ValueError:
            one_per_line = False
    if one_per_line:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield SourceItem(f"{path}:{number}", data=json.loads(line))
            except ValueError as exc:
                yield SourceItem(f"{path}:{number}", error=f"not valid JSON ({exc.msg})")
        return
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        yield SourceItem(f"{path}:{exc.lineno}", error=f"not valid JSON ({exc.msg}); the file was skipped")
        return
    if isinstance(document, dict) and isinstance(document.get("studies"), list):
        document = document["studies"]
    if isinstance(document, list):
        for number, item in enumerate(document, start=1):
            yield SourceItem(f"{path} record {number}", data=item)
    else:
        yield SourceItem(str(path), data=document)


def read_items(path) -> Iterator[SourceItem]:
    """Every record in a file or folder, each with its location ("file:line" or "file record N")."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"No such file or folder: {path}")
    for file in _files(path):
        yield from _items_in_file(file)
