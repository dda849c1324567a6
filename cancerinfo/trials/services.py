"""Trial logic as plain functions: the finder's query, a trial's nearest sites, the booklet box, postcode data."""

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.db import transaction
from django.db.models import Q, QuerySet

from cancerinfo.taxonomy.models import CancerType

from .choices import PHASE_FILTERS, STATUS_FILTERS, Status
from .models import PostcodeDistrict, Trial, TrialFinderPage, TrialSite
from .postcodes import EARTH_RADIUS_MILES, Origin, bounding_box, haversine_miles

RESULTS_PER_PAGE = 20
# What a result in the list shows: the rest of a trial (long registry texts) stays in the database.
LISTED_FIELDS = (
    "registry_id",
    "title",
    "plain_title",
    "status",
    "phase",
    "min_age_months",
    "max_age_months",
    "is_demo",
    "last_updated",
)
MAX_SEARCH_MATCHES = 2000
# Without a distance limit, look for the nearest sites in growing circles until a page's worth is certain.
GROWING_RADII_MILES = (25, 100, 400, 1600, None)
# Up to this many matching trials, their ids go into the sites query as a list (else as a subquery).
DIRECT_LOOKUP_MAX_TRIALS = 2000
SITES_SHOWN_FIRST = 10
BOOKLET_BOX_SIZE = 5


# ---------------------------------------------------------------------------------------------------- postcodes


def load_postcode_districts(path) -> tuple[int, int]:
    """Replace the postcode districts with those in a CSV (Postcode, Latitude, Longitude[, Town/Area])."""
    rows, skipped = [], 0
    with Path(path).open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        columns = {name.strip().lower(): name for name in reader.fieldnames or []}

        def column(*names):
            return next((columns[name] for name in names if name in columns), None)

        code_col = column("postcode", "outward_code", "district", "outcode")
        lat_col, lon_col = column("latitude", "lat"), column("longitude", "lon", "lng")
        town_col = column("town/area", "town", "post town")
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
            town = (row.get(town_col) or "")[:200] if town_col else ""
            rows.append(PostcodeDistrict(outward_code=code, latitude=latitude, longitude=longitude, town=town))
    with transaction.atomic():
        PostcodeDistrict.objects.all().delete()
        PostcodeDistrict.objects.bulk_create(rows, batch_size=1000)
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
    trial: Trial
    distance: float | None = None
    nearest_site: TrialSite | None = None


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


def matching_trials(criteria: FinderCriteria) -> QuerySet[Trial]:
    """Every filter but distance, as one SQL query."""
    trials = Trial.objects.filter(is_cancer_trial__in=[True])  # indexable, unlike is_cancer_trial=True
    if criteria.cancer_type is not None:
        trials = trials.filter(cancer_types=criteria.cancer_type)
    statuses = STATUS_FILTERS.get(criteria.status, STATUS_FILTERS["recruiting"])[1]
    if statuses is not None:
        trials = trials.filter(status__in=statuses)
    if criteria.phase in PHASE_FILTERS:
        trials = trials.filter(phase__in=PHASE_FILTERS[criteria.phase][1])
    if criteria.age is not None:
        youngest, oldest = criteria.age * 12, criteria.age * 12 + 11  # anyone from their birthday to the next
        trials = trials.filter(Q(min_age_months__isnull=True) | Q(min_age_months__lte=oldest))
        trials = trials.filter(Q(max_age_months__isnull=True) | Q(max_age_months__gte=youngest))
    if criteria.query:
        trials = trials.filter(pk__in=search_trial_ids(criteria.query))
    return trials


def site_distances(trial_ids, origin: Origin, radius: float | None) -> np.ndarray:
    """(trial id, site id, miles) of every placed site of these trials within `radius` miles (any distance if None),
    in one query, the great-circle distances worked out over arrays.

    `trial_ids` is a list of ids or a queryset of them. A latitude/longitude box narrows the sites in SQL (indexed
    on trial, latitude, longitude).
    """
    sites = TrialSite.objects.filter(trial_id__in=trial_ids, latitude__isnull=False, longitude__isnull=False)
    if radius is not None:
        box = bounding_box(origin.latitude, origin.longitude, radius)
        sites = sites.filter(latitude__gte=box.min_lat, latitude__lte=box.max_lat)
        if box.min_lon is not None:
            sites = sites.filter(longitude__gte=box.min_lon, longitude__lte=box.max_lon)
    rows = np.array(list(sites.order_by().values_list("trial_id", "pk", "latitude", "longitude")), dtype=np.float64)
    if not len(rows):
        return np.zeros((0, 3))
    lat0, lon0 = math.radians(origin.latitude), math.radians(origin.longitude)
    lat, lon = np.radians(rows[:, 2]), np.radians(rows[:, 3])
    # haversine_miles over every site at once
    a = np.sin((lat - lat0) / 2) ** 2 + math.cos(lat0) * np.cos(lat) * np.sin((lon - lon0) / 2) ** 2
    miles = 2 * EARTH_RADIUS_MILES * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    found = np.column_stack([rows[:, 0], rows[:, 1], miles])
    return found if radius is None else found[miles <= radius]


def nearest_by_trial(distances: np.ndarray, radius: float | None = None) -> dict[int, tuple[float, int]]:
    """For each trial with a site within `radius` miles (any if None): (miles, site id) of its nearest; of two
    sites at the same distance, the one with the lower id."""
    if radius is not None:
        distances = distances[distances[:, 2] <= radius]
    # Sorted by trial, then miles, then site id: the first row of each trial is its nearest site.
    order = np.lexsort((distances[:, 1], distances[:, 2], distances[:, 0]))
    ordered = distances[order]
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:, 0] != ordered[:-1, 0]
    return {int(t): (float(m), int(s)) for t, s, m in ordered[first]}


def nearest_sites(trial_ids, origin: Origin, radius: float | None) -> dict[int, tuple[float, int]]:
    """For each trial with a site within `radius` miles (any distance if None): (miles, site id) of its nearest."""
    return nearest_by_trial(site_distances(trial_ids, origin, radius))


def rank_by_distance(
    trials: QuerySet[Trial], origin: Origin, within_miles: int | None, needed: int
) -> tuple[list[tuple[int, float | None, int | None]], int]:
    """(trial id, miles to nearest site, that site's id) nearest first, at least `needed` long where possible, and
    the total number of results. Without a limit, trials with no placed site come last (by title).

    Without a distance limit, the matching trials' sites are read in one query and cut into growing circles (25,
    100, 400, 1,600 miles, then anywhere) until a page's worth of trials is sure: every trial found within r miles
    is nearer than any trial not found.
    """
    ids = list(trials.order_by().values_list("pk", flat=True).distinct())
    if not ids:
        return [], 0
    # A few thousand ids go into the SQL as a list; more stay a subquery.
    trial_filter = ids if len(ids) <= DIRECT_LOOKUP_MAX_TRIALS else trials.order_by().values("pk")
    if within_miles is not None:
        best = nearest_sites(trial_filter, origin, within_miles)
        radius = within_miles
    else:
        # The sites of these trials are read once; the growing circles are then cut from the same arrays.
        distances = site_distances(trial_filter, origin, None)
        for radius in GROWING_RADII_MILES:
            best = nearest_by_trial(distances, radius)
            if radius is None or len(best) >= min(needed, len(ids)):
                break
    ranked = sorted(((tid, d, sid) for tid, (d, sid) in best.items()), key=lambda r: (r[1], r[0]))
    if within_miles is not None:
        return ranked, len(ranked)
    if radius is None and len(ranked) < min(needed, len(ids)):
        placed = set(best)
        unplaced = trials.order_by("title", "pk").values_list("pk", flat=True).distinct()
        ranked.extend((tid, None, None) for tid in unplaced if tid not in placed)
    return ranked, len(ids)


def find_trials(criteria: FinderCriteria, page: int = 1) -> FinderResults:
    """The finder's results page: filtered, nearest first when there is a place to measure from."""
    trials = matching_trials(criteria)
    page = max(1, page)
    if criteria.origin is not None:
        ranked, total = rank_by_distance(trials, criteria.origin, criteria.within_miles, page * RESULTS_PER_PAGE)
    else:
        total = trials.count()
        ranked = None
    num_pages = max(1, math.ceil(total / RESULTS_PER_PAGE))
    page = min(page, num_pages)
    start = (page - 1) * RESULTS_PER_PAGE
    if ranked is None:
        page_trials = list(
            trials.order_by("-last_updated", "title", "pk")
            .only(*LISTED_FIELDS)
            .prefetch_related("cancer_types")[start : start + RESULTS_PER_PAGE]
        )
        items = [FinderResult(trial) for trial in page_trials]
    else:
        rows = ranked[start : start + RESULTS_PER_PAGE]
        by_id = Trial.objects.only(*LISTED_FIELDS).prefetch_related("cancer_types").in_bulk([tid for tid, _, _ in rows])
        site_ids = [sid for _, _, sid in rows if sid]
        sites = TrialSite.objects.only("name", "city", "country").in_bulk(site_ids) if site_ids else {}
        items = [FinderResult(by_id[tid], miles, sites.get(sid)) for tid, miles, sid in rows if tid in by_id]
    return FinderResults(items=items, total=total, page=page, num_pages=num_pages)


# -------------------------------------------------------------------------------------------------- trial page


@dataclass
class SiteDistance:
    site: TrialSite
    distance: float | None


def trial_for_page(registry_id: str) -> Trial | None:
    return Trial.objects.prefetch_related("cancer_types", "sites").filter(registry_id=registry_id.upper()).first()


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
    from cancerinfo.delivery import versions

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
