"""What every registry client produces: plain records, independent of the database and of the registry's format."""

import datetime
from dataclasses import dataclass, field


class RecordError(ValueError):
    """A record that cannot be imported; the message says why."""


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


@dataclass
class SourceItem:
    """One record read from a file, with where it came from (for error messages)."""

    location: str  # "path:line" or "path record N"
    data: dict | None = None
    error: str = ""
