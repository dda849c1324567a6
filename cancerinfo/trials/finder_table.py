"""The finder's table of trials, their placed sites and the postcode districts, held by each process.

The finder filters, measures and ranks every matching trial on each request. Reading the trials and their sites from
the database for that is most of its cost, so each process keeps them in arrays (NumPy) and a dict of postcode
districts, loaded with a few queries and loaded again when the "trials" version moves (delivery/versions.py), which
`signals.py` moves on any change to a trial, a site, a cancer type or the postcode districts, and after an import.
A trial saved or imported is in the very next request's results, in every process.

Rows are in id order. Sites are grouped by trial (then by id), so a trial's sites are one slice of the site arrays
and the nearest of two sites at the same distance is the one with the lower id, as before.
"""

import datetime
import math
from dataclasses import dataclass, field

import numpy as np

from cancerinfo.delivery import versions

from .choices import CLOSED_SITE_STATUSES, Phase, Status
from .freshness import CHANGEABLE_STATUSES
from .models import describe_age_range
from .postcodes import EARTH_RADIUS_MILES, UNKNOWN_MESSAGE, Origin, Postcode, PostcodeError, normalise_postcode

STATUS_LABELS, PHASE_LABELS = dict(Status.choices), dict(Phase.choices)
VERSION = "trials"  # moved by signals.py whenever what the finder shows of trials may have changed
TABLE = "trial-finder-table"
POSTCODES = "trial-finder-postcodes"


@dataclass
class TrialRow:
    """What a result in the list shows of a trial (the rest stays in the database)."""

    pk: int
    registry_id: str
    title: str
    plain_title: str
    status: str
    phase: str
    min_age_months: int | None
    max_age_months: int | None
    is_demo: bool
    last_updated: datetime.date | None
    cancer_types: list[str] = field(default_factory=list)  # their names, by name

    # As the Trial model words them.
    @property
    def display_title(self) -> str:
        return self.plain_title or self.title

    def get_status_display(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    def get_phase_display(self) -> str:
        return PHASE_LABELS.get(self.phase, self.phase)

    @property
    def age_range(self) -> str:
        return describe_age_range(self.min_age_months, self.max_age_months)


@dataclass
class Table:
    rows: list[TrialRow]
    ids: np.ndarray  # trial ids, ascending
    status: np.ndarray
    phase: np.ndarray
    min_age: np.ndarray  # months, NaN where the registry gives none
    max_age: np.ndarray
    newest_first: np.ndarray  # each trial's place in the list without a postcode: -last_updated, title, id
    by_title: np.ndarray  # each trial's place by title, id (trials with no placed site, after the others)
    cancer_types: dict[int, np.ndarray]  # cancer type id -> which trials have it
    updated: np.ndarray  # the day the registry last updated each trial (date.toordinal(); -1 where none is given)
    changeable: np.ndarray  # which trials have a status a registry can still change (freshness.py)
    uk_open: np.ndarray  # which trials have a UK site open to new patients (or not saying), placed or not
    uk_any: np.ndarray  # which trials have any UK site
    # Placed sites, grouped by trial: a trial's sites are site_*[site_start[i]:site_end[i]].
    site_ids: np.ndarray
    site_lat: np.ndarray  # radians
    site_lon: np.ndarray
    site_cos_lat: np.ndarray
    site_labels: list[str]
    site_start: np.ndarray
    site_end: np.ndarray
    placed: np.ndarray  # which trials have at least one placed site
    site_uk_open: np.ndarray  # which placed sites are in the UK and open to new patients (or not saying)
    site_uk_any: np.ndarray  # which placed sites are in the UK
    cancer_type_list: list  # every cancer type, by name: the form's choices
    cards: dict = field(default_factory=dict)  # rendered result cards, filled as they are first shown (holes.py)
    widgets: dict = field(default_factory=dict)  # the form's selects as rendered for each valid choice (holes.py)

    def having(self, trial_ids) -> np.ndarray:
        """Which trials have one of these ids."""
        return np.isin(self.ids, np.fromiter(trial_ids, dtype=np.int64))


def _build() -> Table:
    from cancerinfo.taxonomy.models import CancerType

    from .models import Trial, TrialSite

    trials = Trial.objects.filter(is_cancer_trial__in=[True])
    fields = ("pk", "registry_id", "title", "plain_title", "status", "phase", "min_age_months", "max_age_months")
    rows = [TrialRow(*values) for values in trials.order_by("pk").values_list(*fields, "is_demo", "last_updated")]
    ids = np.array([row.pk for row in rows], dtype=np.int64)
    position = {row.pk: i for i, row in enumerate(rows)}
    count = len(rows)

    def ranks(ordered_ids) -> np.ndarray:
        rank = np.zeros(count, dtype=np.int64)
        for place, pk in enumerate(ordered_ids):
            rank[position[pk]] = place
        return rank

    # The database orders (its own collation and NULLs), as the finder's queries did.
    newest_first = ranks(trials.order_by("-last_updated", "title", "pk").values_list("pk", flat=True))
    by_title = ranks(trials.order_by("title", "pk").values_list("pk", flat=True))

    cancer_types: dict[int, np.ndarray] = {}
    through = Trial.cancer_types.through.objects.filter(trial__is_cancer_trial__in=[True])
    for trial_id, type_id, name in through.order_by("cancertype__name", "cancertype__pk").values_list(
        "trial_id", "cancertype_id", "cancertype__name"
    ):
        i = position[trial_id]
        rows[i].cancer_types.append(name)
        cancer_types.setdefault(type_id, np.zeros(count, dtype=bool))[i] = True

    from .importer import is_uk

    # Every site in one query: the placed ones for distances, and all of them for "has a UK site".
    sites = (
        TrialSite.objects.filter(trial__is_cancer_trial__in=[True])
        .order_by("trial_id", "pk")
        .values_list("trial_id", "pk", "latitude", "longitude", "name", "city", "country", "recruiting_status")
    )
    uk_open, uk_any = np.zeros(count, dtype=bool), np.zeros(count, dtype=bool)
    site_rows = []
    for row in sites:
        in_uk = is_uk(row[6])
        is_open = in_uk and row[7] not in CLOSED_SITE_STATUSES
        if in_uk:
            i = position[row[0]]
            uk_any[i] = True
            uk_open[i] |= is_open
        if row[2] is not None and row[3] is not None:
            site_rows.append((*row, in_uk, is_open))
    site_trials = np.array([position[row[0]] for row in site_rows], dtype=np.int64)
    coordinates = np.array([(row[2], row[3]) for row in site_rows], dtype=np.float64).reshape(-1, 2)
    site_lat, site_lon = np.radians(coordinates[:, 0]), np.radians(coordinates[:, 1])
    # str(TrialSite): its name, town and country
    labels = [", ".join(part for part in row[4:7] if part) for row in site_rows]
    unknown_day = -1
    site_start = np.searchsorted(site_trials, np.arange(count), side="left")
    site_end = np.searchsorted(site_trials, np.arange(count), side="right")
    return Table(
        rows=rows,
        ids=ids,
        status=np.array([row.status for row in rows], dtype=object),
        phase=np.array([row.phase for row in rows], dtype=object),
        min_age=np.array([np.nan if r.min_age_months is None else r.min_age_months for r in rows], dtype=np.float64),
        max_age=np.array([np.nan if r.max_age_months is None else r.max_age_months for r in rows], dtype=np.float64),
        newest_first=newest_first,
        by_title=by_title,
        cancer_types=cancer_types,
        updated=np.array(
            [row.last_updated.toordinal() if row.last_updated else unknown_day for row in rows], dtype=np.int64
        ),
        changeable=np.array([row.status in CHANGEABLE_STATUSES for row in rows], dtype=bool),
        uk_open=uk_open,
        uk_any=uk_any,
        site_ids=np.array([row[1] for row in site_rows], dtype=np.int64),
        site_lat=site_lat,
        site_lon=site_lon,
        site_cos_lat=np.cos(site_lat),
        site_labels=labels,
        site_start=site_start,
        site_end=site_end,
        placed=site_end > site_start,
        site_uk_open=np.array([row[9] for row in site_rows], dtype=bool),
        site_uk_any=np.array([row[8] for row in site_rows], dtype=bool),
        cancer_type_list=list(CancerType.objects.order_by("name")),
    )


def table() -> Table:
    """This process's table, loaded again when a trial, site or cancer type has changed."""
    return versions.table(TABLE, [VERSION], _build)


def _districts() -> dict[str, tuple[float, float]]:
    from .models import PostcodeDistrict

    return {
        code: (lat, lon)
        for code, lat, lon in PostcodeDistrict.objects.values_list("outward_code", "latitude", "longitude")
    }


def districts() -> dict[str, tuple[float, float]]:
    return versions.table(POSTCODES, [VERSION], _districts)


def locate(raw: str) -> Origin:
    """As postcodes.locate_postcode, from the table: no query."""
    postcode: Postcode = normalise_postcode(raw)
    found = districts().get(postcode.outward)
    if found is None:
        raise PostcodeError(UNKNOWN_MESSAGE.format(code=postcode.outward))
    return Origin(postcode, found[0], found[1])


def nearest(table: Table, origin: Origin, sites: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(miles to every placed site, miles to each trial's nearest site: inf for trials with none). With `sites`
    (which placed sites count), the others are infinitely far: each trial is measured to its nearest counted site."""
    lat0, lon0 = math.radians(origin.latitude), math.radians(origin.longitude)
    lat, lon = table.site_lat, table.site_lon
    # The haversine formula over every site at once.
    a = np.sin((lat - lat0) / 2) ** 2 + math.cos(lat0) * table.site_cos_lat * np.sin((lon - lon0) / 2) ** 2
    miles = 2 * EARTH_RADIUS_MILES * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    if sites is not None:
        miles = np.where(sites, miles, np.inf)
    return miles, nearest_per_trial(miles, table.site_start, table.placed)


def nearest_per_trial(miles: np.ndarray, site_start: np.ndarray, placed: np.ndarray) -> np.ndarray:
    """Each trial's miles to its nearest site (inf for a trial with none), the sites grouped by trial."""
    best = np.full(len(placed), np.inf)
    if len(miles):
        with_sites = np.flatnonzero(placed)
        best[with_sites] = np.minimum.reduceat(miles, site_start[with_sites])
    return best


def within(best: np.ndarray, limit: float) -> np.ndarray:
    """Which trials have a site within `limit` miles: a site exactly at the edge of the circle is inside it."""
    return best <= limit


def nearest_site(table: Table, miles: np.ndarray, trial: int) -> int:
    """The position of the trial's nearest site (the lower id of two as near)."""
    start = table.site_start[trial]
    return int(start + np.argmin(miles[start : table.site_end[trial]]))
