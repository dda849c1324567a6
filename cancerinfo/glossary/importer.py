"""Load the NCI Dictionary of Cancer Terms (JSON, one object per term) into the glossary, in bulk.

Idempotent: terms are matched by source id (then by name, for a term our editors wrote first). Definitions an
editor has replaced (editor_override) are kept. Bad records are reported and skipped.
"""

import datetime
import json
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from cancerinfo.core.bulk import bulk_content_changed

from .everyday import is_everyday
from .models import NCI_ATTRIBUTION, Term, sort_key

PATIENT = "Patient"
MAX_TERM_LENGTH = 255
# Split a definition after its first sentence(s): full stop, then a capital letter.
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)][.!?])\s+(?=[A-Z(])")
SHORT_DEFINITION = 240
EDITABLE_FIELDS = ["term", "definition", "explanation", "pronunciation"]
SOURCE_FIELDS = ["source_id", "attribution", "source_definition", "source_audience", "source_updated"]
DERIVED_FIELDS = ["letter", "sort_name", "slug", "updated_at"]


class ImportFileError(Exception):
    pass


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_overrides: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.problems)


@dataclass
class Record:
    source_id: str
    term: str
    definition: str
    explanation: str
    pronunciation: str
    audience: str
    updated: datetime.date | None


def split_definition(text: str) -> tuple[str, str]:
    """A short definition (one or two sentences) and the rest as a longer explanation."""
    text = " ".join(text.split())
    sentences = _SENTENCE_END.split(text)
    short = sentences[0]
    rest = sentences[1:]
    if rest and len(short) + len(rest[0]) + 1 <= SHORT_DEFINITION:
        short = f"{short} {rest[0]}"
        rest = rest[1:]
    return short, " ".join(rest)


def clean_pronunciation(text: str | None) -> str:
    text = (text or "").strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    return text[:255]  # capitals mark the stressed syllable (OS-tee-oh-klast)


def parse_record(raw, number: int) -> Record:
    """One JSON object into a Record, or ValueError saying what is wrong with it."""
    if not isinstance(raw, dict):
        raise ValueError("not a JSON object")
    source_id = raw.get("cdr_id")
    if not isinstance(source_id, str) or not source_id.strip():
        raise ValueError("no cdr_id")
    term = raw.get("term")
    if not isinstance(term, str) or not term.strip():
        raise ValueError("no term")
    term = " ".join(term.split())
    if len(term) > MAX_TERM_LENGTH:
        raise ValueError(f"term longer than {MAX_TERM_LENGTH} characters")
    definitions = raw.get("definitions")
    if not isinstance(definitions, list):
        raise ValueError("no definitions list")
    usable = [d for d in definitions if isinstance(d, dict) and isinstance(d.get("text"), str) and d["text"].strip()]
    if not usable:
        raise ValueError("no definition text")
    chosen = next((d for d in usable if d.get("audience") == PATIENT), usable[0])
    short, rest = split_definition(chosen["text"])
    updated = None
    if raw.get("date_last_modified"):
        try:
            updated = datetime.date.fromisoformat(str(raw["date_last_modified"]))
        except ValueError:
            updated = None
    pronunciation = raw.get("pronunciation")
    if pronunciation is not None and not isinstance(pronunciation, str):
        raise ValueError("pronunciation is not text")
    return Record(
        source_id=source_id.strip()[:40],
        term=term,
        definition=short,
        explanation=f"<p>{escape(rest)}</p>" if rest else "",
        pronunciation=clean_pronunciation(pronunciation),
        audience=str(chosen.get("audience") or "")[:40],
        updated=updated,
    )


def read_records(path: Path) -> list:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError as exc:
        raise ImportFileError(f"{path}: no such file") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ImportFileError(f"{path}: not valid JSON ({exc})") from exc
    if isinstance(data, dict) and isinstance(data.get("terms"), list):
        data = data["terms"]
    if not isinstance(data, list):
        raise ImportFileError(f"{path}: expected a JSON list of terms")
    return data


def _unique_slug(base: str, source_id: str, taken: set[str]) -> str:
    slug = (slugify(base) or "term")[:200]
    if slug not in taken:
        return slug
    suffix = re.sub(r"\D", "", source_id).lstrip("0") or str(len(taken))
    candidate = f"{slug}-{suffix}"
    while candidate in taken:
        candidate += "-x"
    return candidate


def import_terms(raw_records: list, path: str = "", progress=None, batch_size: int = 500) -> ImportReport:
    """Create or update a term per record, in one transaction, with bulk queries."""
    report = ImportReport()
    records: list[Record] = []
    seen_ids: set[str] = set()
    for number, raw in enumerate(raw_records, start=1):
        try:
            record = parse_record(raw, number)
        except ValueError as exc:
            ident = raw.get("cdr_id") if isinstance(raw, dict) else None
            report.problems.append(f"{path} record {number}{f' ({ident})' if ident else ''}: {exc}; skipped")
            continue
        if record.source_id in seen_ids:
            report.problems.append(f"{path} record {number} ({record.source_id}): repeats an earlier id; skipped")
            continue
        seen_ids.add(record.source_id)
        records.append(record)

    now_fields = EDITABLE_FIELDS + SOURCE_FIELDS + DERIVED_FIELDS
    with transaction.atomic():
        existing = {t.source_id: t for t in Term.objects.exclude(source_id="")}
        # Terms our editors wrote before any import: the import adopts them, keeping their words.
        own = {sort_key(t.term): t for t in Term.objects.filter(source_id="")}
        taken = set(Term.objects.values_list("slug", flat=True))
        to_create: list[Term] = []
        to_update: list[Term] = []
        for index, record in enumerate(records):
            if progress:
                progress(index + 1, len(records))
            term = existing.get(record.source_id)
            if term is None and sort_key(record.term) in own:
                term = own.pop(sort_key(record.term))
                term.editor_override = True
            if term is None:
                term = Term(source_id=record.source_id, attribution=NCI_ATTRIBUTION)
                term.link_in_pages = not is_everyday(record.term)  # a new term only: editors' choices stay
                term.slug = _unique_slug(record.term, record.source_id, taken)
                taken.add(term.slug)
                _apply(term, record)
                term.fill_derived_fields()
                to_create.append(term)
                report.created += 1
                continue
            before = [getattr(term, name) for name in now_fields]
            term.source_id = record.source_id
            term.attribution = NCI_ATTRIBUTION
            if term.editor_override:
                report.kept_overrides += 1
                term.source_definition = record.definition
                term.source_audience = record.audience
                term.source_updated = record.updated
            else:
                _apply(term, record)
            term.fill_derived_fields()
            if [getattr(term, name) for name in now_fields] == before:
                report.unchanged += 1
            else:
                to_update.append(term)
                report.updated += 1
        Term.objects.bulk_create(to_create, batch_size=batch_size)
        update_fields = [name for name in now_fields if name != "slug"] + ["editor_override"]
        Term.objects.bulk_update(to_update, update_fields, batch_size=batch_size)
        from .services import bump_version

        bump_version()
    # Bulk writes send no post_save: tell the page cache and the site search index, once the rows are committed.
    bulk_content_changed.send(sender=Term)
    return report


def _apply(term: Term, record: Record) -> None:
    term.term = record.term
    term.definition = record.definition
    term.explanation = record.explanation
    term.pronunciation = record.pronunciation
    term.source_definition = record.definition
    term.source_audience = record.audience
    term.source_updated = record.updated
