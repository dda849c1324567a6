"""Trial logic as plain functions: the finder's query, a trial's nearest sites, the booklet box, postcode data."""

import csv
import dataclasses
import math
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import numpy as np
from django.db import transaction
from django.db.models import Q

from cancerinfo.delivery import versions
from cancerinfo.enquiries.interface import contact_links
from cancerinfo.taxonomy.models import CancerType

from . import finder_table, freshness
from .choices import (
    CONFIRMED_STATUS_FILTERS,
    DEFAULT_WHERE_FILTER,
    OPEN_STATUS_FILTERS,
    PHASE_FILTERS,
    STATUS_FILTERS,
    UNCONFIRMED_STATUS_FILTERS,
    Status,
)
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
    where: str = DEFAULT_WHERE_FILTER  # "uk": trials with a UK site (measured to their UK sites); "anywhere"

    @property
    def uk_only(self) -> bool:
        return self.where != "anywhere"


@dataclass
class FinderResult:
    trial: finder_table.TrialRow
    position: int  # in the finder's table
    distance: float | None = None
    nearest_site: str = ""  # its name, town and country
    unconfirmed: bool = False  # its status not confirmed by the registry within the set time (freshness.py)


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
    if criteria.status in CONFIRMED_STATUS_FILTERS:
        keep &= ~unconfirmed(table)
    elif criteria.status in UNCONFIRMED_STATUS_FILTERS:
        keep &= unconfirmed(table)
    if criteria.uk_only:
        keep &= table.uk_open if criteria.status in OPEN_STATUS_FILTERS else table.uk_any
    if criteria.query:
        keep &= table.having(search_trial_ids(criteria.query))
    return keep


def unconfirmed(table: finder_table.Table) -> np.ndarray:
    """Which trials' status the registry has not confirmed within the set time (freshness.py), as of today."""
    return table.changeable & (table.updated < freshness.cutoff().toordinal())


def counted_sites(table: finder_table.Table, criteria: FinderCriteria) -> np.ndarray | None:
    """Which placed sites distances are measured to: with "UK sites" only the UK ones (open ones, when looking for
    open trials); anywhere, all (None)."""
    if not criteria.uk_only:
        return None
    return table.site_uk_open if criteria.status in OPEN_STATUS_FILTERS else table.site_uk_any


def rank(table: finder_table.Table, criteria: FinderCriteria) -> tuple[np.ndarray, np.ndarray | None]:
    """(the matching trials' positions in the table, in the order the finder lists them; the miles to every placed
    site from the postcode, or None without one).

    From a postcode: nearest site first (of two trials as near, the lower id), trials with no placed site last by
    title; within a distance limit, only trials with a site that close. Without one: newest first.
    """
    found = np.flatnonzero(matching(table, criteria))
    if criteria.origin is None:
        return found[np.argsort(table.newest_first[found], kind="stable")], None
    miles, best = finder_table.nearest(table, criteria.origin, counted_sites(table, criteria))
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
    stale = unconfirmed(table)
    for i in ranked[start : start + RESULTS_PER_PAGE].tolist():
        site = finder_table.nearest_site(table, miles, i) if miles is not None and table.placed[i] else None
        if site is None or not np.isfinite(miles[site]):
            items.append(FinderResult(table.rows[i], i, unconfirmed=bool(stale[i])))
            continue
        items.append(FinderResult(table.rows[i], i, float(miles[site]), table.site_labels[site], bool(stale[i])))
    return FinderResults(items=items, total=total, page=page, num_pages=num_pages)


@dataclass
class NothingNear:
    """What to suggest when a search finds nothing: each a count of what the changed search would find."""

    wider: list[tuple[int | None, int]] = field(default_factory=list)  # (a wider distance, or None: any; found)
    nearest_miles: float | None = None  # the nearest trial's nearest site, at any distance
    anywhere: int = 0  # found anywhere in the world, at any distance (when looking at UK sites)
    related: list[tuple[CancerType, int]] = field(default_factory=list)  # related cancer types and what they find

    @property
    def any(self) -> bool:
        return bool(self.wider or self.anywhere or self.related)


RELATED_SHOWN = 3


def nothing_near(
    table: finder_table.Table, criteria: FinderCriteria, distances: list[int], related_shown: int = RELATED_SHOWN
) -> NothingNear:
    """When a search finds nothing: what a wider distance, trials anywhere, or a related cancer type would find.

    Related cancer types are the ones trials name together with the chosen type (in any status), most often first:
    a trial of treatments for secondary bone cancer often names the primary cancer too.
    """
    found = NothingNear()
    sites = counted_sites(table, criteria)
    keep = matching(table, criteria)
    best = None
    if criteria.origin is not None:
        _, best = finder_table.nearest(table, criteria.origin, sites)
        reachable = best[keep]
        reachable = reachable[np.isfinite(reachable)]
        if len(reachable):
            found.nearest_miles = float(reachable.min())
        if criteria.within_miles is not None:
            for limit in [d for d in distances if d > criteria.within_miles] + [None]:
                count = int(keep.sum()) if limit is None else int((reachable <= limit).sum())
                if count > (found.wider[-1][1] if found.wider else 0):  # each finds more than the one before
                    found.wider.append((limit, count))
                if len(found.wider) == 2:
                    break
    if criteria.uk_only:
        anywhere = dataclasses.replace(criteria, where="anywhere", within_miles=None)
        found.anywhere = int(matching(table, anywhere).sum())
    chosen = criteria.cancer_type
    if chosen is not None and chosen.pk in table.cancer_types:
        others = matching(table, dataclasses.replace(criteria, cancer_type=None))
        if best is not None and criteria.within_miles is not None:
            others &= finder_table.within(best, criteria.within_miles)
        together = table.cancer_types[chosen.pk]
        by_pk = {c.pk: c for c in table.cancer_type_list}
        candidates = []
        for pk, having in table.cancer_types.items():
            shared = int((having & together).sum()) if pk != chosen.pk else 0
            count = int((having & others).sum()) if shared else 0
            if count and pk in by_pk:
                candidates.append((-shared, by_pk[pk].name, by_pk[pk], count))
        found.related = [(cancer_type, count) for _, _, cancer_type, count in sorted(candidates)[:related_shown]]
    return found


# -------------------------------------------------------------------------------------------------- trial page


def offered_trials():
    """Cancer trials a person could join now or soon, their status confirmed within the set time (freshness.py):
    what the information prescription builder offers (never withdrawn, stopped, finished or of unknown status)."""
    return Trial.objects.filter(
        is_cancer_trial__in=[True],
        status__in=[str(s) for s in freshness.OFFERED_STATUSES],
        last_updated__gte=freshness.cutoff(),
    )


def ask_a_nurse_url(subject: str, cancer_type: CancerType | None = None) -> str:
    """The ask-a-nurse form with what the question is about written in (and the cancer type chosen), or "" where
    the site has no such form. No query: the form's address is kept per process (enquiries/interface.py)."""
    links = contact_links()
    if links is None or not links.ask_a_nurse_url:
        return ""
    query = {"subject": subject}
    if cancer_type is not None:
        query["cancer_type"] = cancer_type.slug
    return f"{links.ask_a_nurse_url}?{urlencode(query)}"


def ask_about_trial_url(trial: Trial) -> str:
    """ "Ask a nurse about this trial": the form with the trial named (its number and title)."""
    types = list(trial.cancer_types.all())
    return ask_a_nurse_url(
        f"The clinical trial {trial.registry_id}: {trial.display_title}", types[0] if len(types) == 1 else None
    )


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
    """Up to `limit` recruiting trials for the cancer types, their status confirmed within the set time
    (freshness.py), newest first, with the finder's address (2 queries)."""
    finder = finder_page()
    if finder is None:
        return None
    trials = Trial.objects.filter(
        status=Status.RECRUITING, is_cancer_trial__in=[True], last_updated__gte=freshness.cutoff()
    )
    if cancer_types:
        trials = trials.filter(cancer_types__in=[c.pk for c in cancer_types]).distinct()
    found = list(trials.order_by("-last_updated", "title")[:limit])
    return BookletTrials(found, list(cancer_types), finder.url or "")
