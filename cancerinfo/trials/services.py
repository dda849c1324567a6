"""Trial logic as plain functions: the finder's query, a trial's nearest sites, the booklet box, postcode data."""

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.db import transaction
from django.db.models import Q

from cancerinfo.delivery import versions
from cancerinfo.taxonomy.models import CancerType

from . import finder_table
from .choices import PHASE_FILTERS, STATUS_FILTERS, Status
from .models import PostcodeDistrict, Trial, TrialFinderPage, TrialSite
from .postcodes import Origin, haversine_miles

RESULTS_PER_PAGE = 20
MAX_SEARCH_MATCHES = 2000
SITES_SHOWN_FIRST = 10
BOOKLET_BOX_SIZE = 5


# ---------------------------------------------------------------------------------------------------- postcodes


def load_postcode_districts(path) -> tuple[int, int]:
    """Replace the postcode districts with those in a CSV (Postcode, Latitude, Longitude[, Post Town, Town/Area]).

    The town is the post town where the CSV has one (LS1 → Leeds), else its Town/Area: the importer places a UK
    site whose registry gives a town but no postcode at the centre of that town's districts."""
    rows, skipped = [], 0
    with Path(path).open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        columns = {name.strip().lower(): name for name in reader.fieldnames or []}

        def column(*names):
            return next((columns[name] for name in names if name in columns), None)

        code_col = column("postcode", "outward_code", "district", "outcode")
        lat_col, lon_col = column("latitude", "lat"), column("longitude", "lon", "lng")
        town_col = column("town/area", "town")
        post_town_col = column("post town")
        if not (code_col and lat_col and lon_col):
            raise ValueError(f"{path}: needs Postcode, Latitude and Longitude columns")
        seen = set()
        for row in reader:
            code = "".join((row.get(code_col) or "").split()).upper()
            try:
                latitude, longitude = float(row[lat_col]), float(row[lon_col])
            except (TypeError, ValueError):
                skipped += 1
                continue
            if not code or len(code) > 4 or code in seen or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                skipped += 1
                continue
            seen.add(code)
            town = ((row.get(post_town_col) or "").strip() if post_town_col else "") or (
                (row.get(town_col) or "") if town_col else ""
            )
            town = town[:200]
            rows.append(PostcodeDistrict(outward_code=code, latitude=latitude, longitude=longitude, town=town))
    with transaction.atomic():
        PostcodeDistrict.objects.all().delete()
        PostcodeDistrict.objects.bulk_create(rows, batch_size=1000)
        versions.bump(finder_table.VERSION)  # bulk_create sends no signal: the finder's districts are loaded again
    return len(rows), skipped


# ------------------------------------------------------------------------------------------------------- finder


@dataclass
class FinderCriteria:
    cancer_type: CancerType | None = None
    status: str = "recruiting"
    phase: str = ""
    age: int | None = None
    origin: Origin | None = None
    within_miles: int | None = None
    query: str = ""


@dataclass
class FinderResult:
    trial: finder_table.TrialRow
    position: int  # in the finder's table
    distance: float | None = None
    nearest_site: str = ""  # its name, town and country


@dataclass
class FinderResults:
    items: list[FinderResult] = field(default_factory=list)
    total: int = 0
    page: int = 1
    num_pages: int = 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def start_index(self) -> int:
        return (self.page - 1) * RESULTS_PER_PAGE + 1 if self.total else 0

    @property
    def end_index(self) -> int:
        return self.start_index + len(self.items) - 1 if self.items else 0


def search_trial_ids(query: str) -> list[int]:
    """Trial ids matching free text, through the site's search backend (icontains if the backend fails)."""
    try:
        results = Trial.objects.filter(is_cancer_trial=True).search(query, operator="and")
        return [trial.pk for trial in results[:MAX_SEARCH_MATCHES]]
    except Exception:  # noqa: BLE001 - a search outage must not break the finder
        words = query.split()[:8]
        condition = Q()
        for word in words:
            condition &= (
                Q(title__icontains=word)
                | Q(plain_title__icontains=word)
                | Q(conditions__icontains=word)
                | Q(registry_summary__icontains=word)
                | Q(plain_summary__icontains=word)
                | Q(registry_id__iexact=word)
            )
        return list(Trial.objects.filter(condition).values_list("pk", flat=True)[:MAX_SEARCH_MATCHES])


def matching(table: finder_table.Table, criteria: FinderCriteria) -> np.ndarray:
    """Which trials of the table pass every filter but distance."""
    keep = np.ones(len(table.ids), dtype=bool)
    if criteria.cancer_type is not None:
        keep &= table.cancer_types.get(criteria.cancer_type.pk, np.zeros(len(table.ids), dtype=bool))
    statuses = STATUS_FILTERS.get(criteria.status, STATUS_FILTERS["recruiting"])[1]
    if statuses is not None:
        keep &= np.isin(table.status, [str(status) for status in statuses])
    if criteria.phase in PHASE_FILTERS:
        keep &= np.isin(table.phase, [str(phase) for phase in PHASE_FILTERS[criteria.phase][1]])
    if criteria.age is not None:
        youngest, oldest = criteria.age * 12, criteria.age * 12 + 11  # anyone from their birthday to the next
        keep &= ~(table.min_age > oldest) & ~(table.max_age < youngest)  # NaN (no limit) compares False
    if criteria.query:
        keep &= table.having(search_trial_ids(criteria.query))
    return keep


def rank(table: finder_table.Table, criteria: FinderCriteria) -> tuple[np.ndarray, np.ndarray | None]:
    """(the matching trials' positions in the table, in the order the finder lists them; the miles to every placed
    site from the postcode, or None without one).

    From a postcode: nearest site first (of two trials as near, the lower id), trials with no placed site last by
    title; within a distance limit, only trials with a site that close. Without one: newest first.
    """
    found = np.flatnonzero(matching(table, criteria))
    if criteria.origin is None:
        return found[np.argsort(table.newest_first[found], kind="stable")], None
    miles, best = finder_table.nearest(table, criteria.origin)
    distance = best[found]
    if criteria.within_miles is not None:
        inside = finder_table.within(distance, criteria.within_miles)
        found, distance = found[inside], distance[inside]
    placed = np.isfinite(distance)
    # Sorted by: placed first; then miles; then id (placed) or title (not placed).
    tie = np.where(placed, table.ids[found], table.by_title[found])
    order = np.lexsort((tie, np.where(placed, distance, 0.0), ~placed))
    return found[order], miles


def find_trials(criteria: FinderCriteria, page: int = 1, table: finder_table.Table | None = None) -> FinderResults:
    """The finder's results page: filtered, nearest first when there is a place to measure from."""
    if table is None:
        table = finder_table.table()
    ranked, miles = rank(table, criteria)
    total = len(ranked)
    num_pages = max(1, math.ceil(total / RESULTS_PER_PAGE))
    page = min(max(1, page), num_pages)
    start = (page - 1) * RESULTS_PER_PAGE
    items = []
    for i in ranked[start : start + RESULTS_PER_PAGE].tolist():
        if miles is None or not table.placed[i]:
            items.append(FinderResult(table.rows[i], i))
            continue
        site = finder_table.nearest_site(table, miles, i)
        items.append(FinderResult(table.rows[i], i, float(miles[site]), table.site_labels[site]))
    return FinderResults(items=items, total=total, page=page, num_pages=num_pages)


# -------------------------------------------------------------------------------------------------- trial page


@dataclass
class SiteDistance:
    site: TrialSite
    distance: float | None


def trial_for_page(registry_id: str) -> Trial | None:
    """The trial at this number: its own, or another registry's number for the same trial (its page redirects)."""
    trials = Trial.objects.prefetch_related("cancer_types", "sites", "identifiers")
    number = registry_id.upper()
    return trials.filter(registry_id=number).first() or trials.filter(identifiers__value=number).first()


def sites_nearest_first(trial: Trial, origin: Origin | None) -> list[SiteDistance]:
    """The trial's sites: nearest first from `origin`; without one, UK sites first, then by country and town."""
    sites = list(trial.sites.all())
    if origin is None:
        from .importer import is_uk

        sites.sort(key=lambda s: (not is_uk(s.country), s.country, s.city, s.name))
        return [SiteDistance(site, None) for site in sites]
    placed = [
        SiteDistance(s, haversine_miles(origin.latitude, origin.longitude, s.latitude, s.longitude))
        for s in sites
        if s.has_coordinates
    ]
    placed.sort(key=lambda sd: sd.distance)
    unplaced = [SiteDistance(s, None) for s in sites if not s.has_coordinates]
    return placed + unplaced


def finder_page() -> TrialFinderPage | None:
    """The trial finder, per process until a page is published, unpublished, moved or deleted (delivery/versions.py):
    the trials box on booklet sections links to it without a query."""
    return versions.table("trial-finder", [versions.PAGES], lambda: TrialFinderPage.objects.live().public().first())


# ------------------------------------------------------------------------------------------------- booklet box

RESEARCH_TOPIC_SLUG = "research"
RESEARCH_SLUG_PART = "clinical-trials"


def is_research_section(section) -> bool:
    """A booklet's "Research – clinical trials" section: tagged with the Research topic, or named so."""
    if RESEARCH_SLUG_PART in (section.slug or ""):
        return True
    if not section.pk:
        return False
    return section.topics.filter(slug=RESEARCH_TOPIC_SLUG).exists()


@dataclass
class BookletTrials:
    trials: list[Trial]
    cancer_types: list[CancerType]
    finder_url: str


def booklet_trials(cancer_types: list[CancerType], limit: int = BOOKLET_BOX_SIZE) -> BookletTrials | None:
    """Up to `limit` recruiting trials for the cancer types, newest first, with the finder's address (2 queries)."""
    finder = finder_page()
    if finder is None:
        return None
    trials = Trial.objects.filter(status=Status.RECRUITING, is_cancer_trial__in=[True])
    if cancer_types:
        trials = trials.filter(cancer_types__in=[c.pk for c in cancer_types]).distinct()
    found = list(trials.order_by("-last_updated", "title")[:limit])
    return BookletTrials(found, list(cancer_types), finder.url or "")
