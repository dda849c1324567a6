"""What every registry client produces: plain records, independent of the database and of the registry's format."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol


class RecordError(ValueError):
    """A record that cannot be imported; the message says why."""


class SourceFileError(ValueError):
    """A file that cannot be read as a whole (for example XML that is not well formed): the import stops and saves
    nothing. `location` is "path:line" (or the path alone when no line is known)."""

    def __init__(self, location: str, reason: str):
        super().__init__(f"{location}: {reason}")
        self.location = location
        self.reason = reason


@dataclass
class SiteRecord:
    name: str = ""
    address: str = ""
    city: str = ""
    postcode: str = ""
    country: str = ""
    latitude: float | None = None
    longitude: float | None = None
    contact: str = ""
    recruiting_status: str = ""


@dataclass
class TrialRecord:
    registry: str
    registry_id: str
    title: str
    registry_url: str = ""
    official_title: str = ""
    registry_summary: str = ""
    interventions: list[str] = field(default_factory=list)
    registry_eligibility: str = ""
    conditions: list[str] = field(default_factory=list)
    # The registry's own index terms for the conditions (e.g. MeSH "Prostatic Neoplasms"), also matched to cancer
    # types, and broader terms (e.g. "Neoplasms by Site") that only help tell cancer trials from others.
    condition_terms: list[str] = field(default_factory=list)
    broader_terms: list[str] = field(default_factory=list)
    phase: str = ""
    status: str = "unknown"
    min_age_months: int | None = None
    max_age_months: int | None = None
    sex: str = "all"
    sponsor: str = ""
    central_contact: str = ""
    last_updated: datetime.date | None = None
    sites: list[SiteRecord] = field(default_factory=list)
    # Other numbers the record gives for the same trial, as (IdentifierScheme value, number), e.g. an ISRCTN
    # record's ("nct", "NCT01234567"). NCT and ISRCTN numbers merge records from two registries into one trial.
    secondary_ids: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class SourceItem:
    """One record read from a file, with where it came from (for error messages)."""

    location: str  # "path:line" or "path record N"
    data: object = None  # what the client's parse_record takes: a dict of JSON, an XML element…
    error: str = ""


class RegistryClient(Protocol):
    """What a registry module offers the importer (registries/clinicaltrials_gov.py, registries/isrctn.py).

    read_items reads a file or folder and yields each record with where it came from; a bad record comes as an
    item with an `error` (reported and skipped), a file that cannot be read at all raises SourceFileError (nothing
    is saved). parse_record turns one item's data into a TrialRecord or raises RecordError.
    """

    REGISTRY: str

    def read_items(self, path) -> Iterator[SourceItem]: ...

    def parse_record(self, data) -> TrialRecord: ...
