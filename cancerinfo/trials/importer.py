"""Save TrialRecords from any registry client: create or update by registry id, in bulk, in one transaction.

Registry fields are replaced; editors' fields (Trial.EDITOR_FIELDS) are never touched. Sites are replaced. Cancer
types are replaced unless an editor has ticked "cancer types checked". Conditions that match no cancer type are
kept as UnmappedCondition rows for review. Nothing is created in the shared taxonomy.
"""

import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from cancerinfo.core.bulk import bulk_content_changed

from . import conditions as condition_matching
from .choices import CoordinatesSource, IdentifierScheme
from .models import PostcodeDistrict, Trial, TrialIdentifier, TrialSite, UnmappedCondition
from .postcodes import haversine_miles, outward_code
from .registries import clinicaltrials_gov
from .registries.base import RecordError, TrialRecord

NCT_NUMBER_RE = re.compile(r"^NCT\d{8}$")
ISRCTN_NUMBER_RE = re.compile(r"^ISRCTN\d{8}$")
# Numbers that are registry records of their own: a record naming one is the same trial.
MERGING_SCHEMES = {IdentifierScheme.NCT, IdentifierScheme.ISRCTN}

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
TOWN_SPREAD_MILES = 25  # London's districts lie within 10 miles of their centre, Glasgow's 13
UK_COUNTRY_NAMES = {"united kingdom", "uk", "great britain", "england", "scotland", "wales", "northern ireland"}

# The fields an import owns and rewrites on every run.
REGISTRY_FIELDS = [
    "registry",
    "registry_url",
    "title",
    "official_title",
    "registry_summary",
    "interventions",
    "registry_eligibility",
    "conditions",
    "is_cancer_trial",
    "phase",
    "status",
    "min_age_months",
    "max_age_months",
    "sex",
    "sponsor",
    "central_contact",
    "last_updated",
    "imported_at",
]


@dataclass
class ImportReport:
    read: int = 0
    created: int = 0
    updated: int = 0
    duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    sites: int = 0
    sites_placed_by_postcode: int = 0
    sites_placed_by_town: int = 0
    sites_without_coordinates: int = 0
    trials_with_cancer_types: int = 0
    trials_not_about_cancer: int = 0
    unmapped_conditions: int = 0
    merged: int = 0  # records that joined a trial from another registry
    kept_fresher: int = 0  # records whose fields were not used: the trial's other registry updated it more recently
    conflicts: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary_lines(self) -> list[str]:
        return [
            f"Read {self.read} records in {self.seconds:.1f} s: {self.created} created, {self.updated} updated, "
            f"{len(self.skipped)} skipped, {self.duplicates} repeated ids (the last one kept).",
            f"Sites: {self.sites} ({self.sites_placed_by_postcode} placed by postcode district, "
            f"{self.sites_placed_by_town} at the centre of their town, "
            f"{self.sites_without_coordinates} without coordinates).",
            f"Cancer types: {self.trials_with_cancer_types} trials mapped; {self.trials_not_about_cancer} trials are "
            f"not about cancer (kept, hidden from the finder); {self.unmapped_conditions} conditions matched no "
            "cancer type and wait for review under Snippets > Unmapped conditions.",
            f"Registered elsewhere too: {self.merged} records joined a trial from another registry "
            f"({self.kept_fresher} kept the other registry's more recent record); {len(self.conflicts)} numbers "
            "were not linked (listed above).",
        ]


def is_uk(country: str) -> bool:
    return country.strip().lower() in UK_COUNTRY_NAMES


def _is_cancer_trial(record: TrialRecord, mapped: set[int]) -> bool:
    if mapped:
        return True
    # The registry's own index terms are not used here: they tag "Macular Edema Secondary to ..." as a metastasis.
    words = [record.title, *record.conditions]
    return any(condition_matching.looks_like_cancer(word) for word in words if word)


def _apply_registry_fields(trial: Trial, record: TrialRecord, is_cancer: bool, now) -> None:
    trial.registry = record.registry
    trial.registry_url = record.registry_url[:300]
    trial.title = record.title[:500]
    trial.official_title = record.official_title
    trial.registry_summary = record.registry_summary
    trial.interventions = "\n".join(record.interventions)
    trial.registry_eligibility = record.registry_eligibility
    trial.conditions = "\n".join(record.conditions)
    trial.is_cancer_trial = is_cancer
    trial.phase = record.phase
    trial.status = record.status
    trial.min_age_months = record.min_age_months
    trial.max_age_months = record.max_age_months
    trial.sex = record.sex
    trial.sponsor = record.sponsor[:300]
    trial.central_contact = record.central_contact
    trial.last_updated = record.last_updated
    trial.imported_at = now


def town_key(name: str) -> str:
    """'St. Ives' and 'St Ives', 'Leeds (West Yorkshire)' and 'LEEDS' -> one key."""
    name = re.sub(r"\(.*?\)", " ", name.lower())
    return " ".join(re.sub(r"[^a-z ]+", " ", name.replace(".", "")).split())


def town_centres(rows) -> dict[str, tuple[float, float]]:
    """The centre of each town's postcode districts, from (town, latitude, longitude) rows; a town whose districts
    lie more than TOWN_SPREAD_MILES from their centre is left out (Newcastle or Richmond: more than one place)."""
    points: dict[str, list[tuple[float, float]]] = {}
    for town, latitude, longitude in rows:
        for part in (town or "").split(","):
            key = town_key(part)
            if key:
                points.setdefault(key, []).append((latitude, longitude))
    centres = {}
    for key, places in points.items():
        latitude = sum(p[0] for p in places) / len(places)
        longitude = sum(p[1] for p in places) / len(places)
        if all(haversine_miles(latitude, longitude, *p) <= TOWN_SPREAD_MILES for p in places):
            centres[key] = (latitude, longitude)
    return centres


def _sites(trial: Trial, record: TrialRecord, districts: dict, report: ImportReport, towns=None) -> list[TrialSite]:
    sites = []
    for site in record.sites:
        latitude, longitude, source = site.latitude, site.longitude, CoordinatesSource.REGISTRY
        if latitude is None or longitude is None:
            latitude = longitude = None
            source = CoordinatesSource.NONE
            if is_uk(site.country):
                centre = districts.get(outward_code(site.postcode) or "")
                if centre:
                    latitude, longitude = centre
                    source = CoordinatesSource.POSTCODE_DISTRICT
                    report.sites_placed_by_postcode += 1
                elif (towns or {}).get(town_key(site.city)):  # ISRCTN centres often give a town, no postcode
                    latitude, longitude = towns[town_key(site.city)]
                    source = CoordinatesSource.TOWN
                    report.sites_placed_by_town += 1
            if latitude is None:
                report.sites_without_coordinates += 1
        sites.append(
            TrialSite(
                trial=trial,
                name=site.name,
                address=site.address,
                city=site.city,
                postcode=site.postcode,
                country=site.country,
                latitude=latitude,
                longitude=longitude,
                coordinates_source=source,
                contact=site.contact,
                recruiting_status=site.recruiting_status,
            )
        )
    return sites


def _chunks(items: list, size: int = BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def scheme_of(number: str) -> str:
    """The registry a trial number belongs to, from its shape: NCT… or ISRCTN…; '' for any other number."""
    if NCT_NUMBER_RE.match(number):
        return IdentifierScheme.NCT
    if ISRCTN_NUMBER_RE.match(number):
        return IdentifierScheme.ISRCTN
    return ""


class _Numbers:
    """Which trial holds each number, loaded once for a batch of records and kept up to date while it is matched.

    A trial holds its own registry_id and its TrialIdentifiers. Trials are keyed by id() so that a new, unsaved
    trial can hold numbers too, and each database row is one Python object however it was found.
    """

    def __init__(self, numbers: set[str]):
        self.trials: dict[int, Trial] = {}
        self.owner: dict[tuple[str, str], int] = {}
        self.held: dict[int, dict[tuple[str, str], str]] = {}  # trial -> {(scheme, value): named_by}
        by_pk: dict[int, Trial] = {}
        rows = []
        for chunk in _chunks(sorted(numbers)):
            for trial in Trial.objects.filter(registry_id__in=chunk):
                by_pk.setdefault(trial.pk, trial)
            rows.extend(TrialIdentifier.objects.filter(value__in=chunk).select_related("trial"))
        for row in rows:
            by_pk.setdefault(row.trial_id, row.trial)
        for trial in by_pk.values():
            self.add_trial(trial)
        # Every number the trials found hold, not only the ones this batch names (to see same-registry conflicts).
        for chunk in _chunks(list(by_pk)):
            for row in TrialIdentifier.objects.filter(trial_id__in=chunk):
                self.hold(by_pk[row.trial_id], (row.scheme, row.value), row.named_by)

    def add_trial(self, trial: Trial) -> None:
        self.trials[id(trial)] = trial
        self.held.setdefault(id(trial), {})
        # Any own number, NCT… or ISRCTN… or another shape (DEMO0001: scheme ''), so a re-import finds it.
        self.hold(trial, (scheme_of(trial.registry_id), trial.registry_id), "own")

    def hold(self, trial: Trial, key: tuple[str, str], named_by: str) -> None:
        self.owner.setdefault(key, id(trial))
        self.held[id(trial)].setdefault(key, named_by)

    def trial_for(self, number: str) -> Trial | None:
        key = self.owner.get((scheme_of(number), number))
        return self.trials[key] if key is not None else None

    def holds_another(self, trial: Trial, scheme: str, number: str) -> bool:
        """Does the trial already hold a different number of the same registry (so it is another registration)?"""
        return any(s == scheme and v != number for s, v in self.held[id(trial)])

    def free_for(self, trial: Trial, key: tuple[str, str]) -> bool:
        return self.owner.get(key, id(trial)) == id(trial)


def _match(record: TrialRecord, numbers: _Numbers) -> Trial | None:
    """The trial a record belongs to: the one holding its own number, else one holding an NCT or ISRCTN number the
    record names (a trial registered in two registries), unless that trial is already another record of the same
    registry."""
    trial = numbers.trial_for(record.registry_id)
    if trial is not None:
        return trial
    own_scheme = scheme_of(record.registry_id)
    for scheme, number in record.secondary_ids:
        if scheme not in MERGING_SCHEMES:
            continue
        candidate = numbers.trial_for(number)
        if candidate is None:
            continue
        if own_scheme and numbers.holds_another(candidate, own_scheme, record.registry_id):
            continue  # reported when its numbers are saved (_identifier_rows)
        return candidate
    return None


def _supplies_fields(trial: Trial, record: TrialRecord) -> bool:
    """Whether a record's registry fields replace the trial's. A trial in two registries shows the record its
    registry updated most recently (the fresher status); the other record only adds its number."""
    if trial.pk is None or trial.registry == record.registry:
        return True
    if record.last_updated is None:
        return False
    return trial.last_updated is None or record.last_updated > trial.last_updated


def _identifier_rows(trial: Trial, record: TrialRecord, numbers: _Numbers, report: ImportReport) -> list:
    """The numbers this record names for the trial, as new TrialIdentifier rows (its earlier ones are deleted)."""
    named = []
    own_scheme = scheme_of(record.registry_id)
    if own_scheme and record.registry_id != trial.registry_id:
        named.append((own_scheme, record.registry_id))
    named.extend(record.secondary_ids)
    held = numbers.held[id(trial)]
    rows = []
    for key in dict.fromkeys(named):
        scheme, value = key
        if value == trial.registry_id:
            continue
        if not numbers.free_for(trial, key):
            other = numbers.trials[numbers.owner[key]]
            report.conflicts.append(
                f"{record.registry_id} names {value}, which is already another trial's ({other.registry_id}): "
                "not linked, the two are kept apart"
            )
            continue
        if held.get(key) not in (None, record.registry):
            continue  # kept as another registry (or an editor) gave it
        numbers.hold(trial, key, record.registry)
        rows.append(TrialIdentifier(trial=trial, scheme=scheme, value=value[:40], named_by=record.registry))
    return rows


def save_records(records: Iterable[TrialRecord], report: ImportReport | None = None) -> ImportReport:
    """Create or update every record (the last of repeated ids wins) in one transaction.

    A record joins the trial that holds its number, or one holding an NCT/ISRCTN number it names (see _match);
    its registry fields are written when _supplies_fields says so; the numbers it names are kept as identifiers.
    """
    report = report or ImportReport()
    by_id: dict[str, TrialRecord] = {}
    for record in records:
        if record.registry_id in by_id:
            report.duplicates += 1
        by_id[record.registry_id] = record
    if not by_id:
        return report

    mapper = condition_matching.ConditionMapper.from_database()
    district_rows = list(PostcodeDistrict.objects.values_list("outward_code", "latitude", "longitude", "town"))
    districts = {code: (lat, lon) for code, lat, lon, _ in district_rows}
    towns = town_centres((town, lat, lon) for _, lat, lon, town in district_rows)
    now = timezone.now()
    numbers = _Numbers({n for rid, r in by_id.items() for n in [rid, *(value for _, value in r.secondary_ids)]})

    new_trials, updated_trials = [], []
    source: dict[int, TrialRecord] = {}  # id(trial) -> the record whose registry fields it takes
    mapped: dict[int, set[int]] = {}
    unmapped: dict[str, dict] = {}
    identifier_rows: list[tuple[Trial, TrialIdentifier]] = []
    named_by: dict[int, tuple[Trial, set[str]]] = {}  # trials whose identifiers from these registries are rewritten
    for registry_id, record in by_id.items():
        trial = _match(record, numbers)
        if trial is None:
            trial = Trial(registry_id=registry_id)
            numbers.add_trial(trial)
            new_trials.append(trial)
        elif trial.registry_id != registry_id:
            report.merged += 1
        if _supplies_fields(trial, record) and id(trial) not in source:
            if trial.pk is not None:
                updated_trials.append(trial)
            source[id(trial)] = record
            cancer_type_ids: set[int] = set()
            for condition in [*record.conditions, *record.condition_terms]:
                cancer_type_ids |= mapper.match(condition)
            mapped[id(trial)] = cancer_type_ids
            is_cancer = _is_cancer_trial(record, cancer_type_ids)
            for condition in record.conditions:
                key = condition_matching.normalise(condition)
                if not key or key in mapper.ignored or mapper.match(condition):
                    continue
                entry = unmapped.setdefault(key, {"name": condition, "trials": [], "cancer": False})
                entry["trials"].append(registry_id)
                entry["cancer"] = entry["cancer"] or condition_matching.looks_like_cancer(condition)
            _apply_registry_fields(trial, record, is_cancer, now)
            if cancer_type_ids:
                report.trials_with_cancer_types += 1
            if not is_cancer:
                report.trials_not_about_cancer += 1
        else:
            report.kept_fresher += 1
        named_by.setdefault(id(trial), (trial, set()))[1].add(record.registry)
        identifier_rows.extend((trial, row) for row in _identifier_rows(trial, record, numbers, report))

    with transaction.atomic():
        Trial.objects.bulk_create(new_trials, batch_size=BATCH_SIZE)
        update_rows(Trial, updated_trials, REGISTRY_FIELDS)
        all_trials = new_trials + updated_trials
        trial_ids = [trial.pk for trial in all_trials]
        delete_rows(TrialSite, "trial", trial_ids)
        sites = []
        for trial in all_trials:
            sites.extend(_sites(trial, source[id(trial)], districts, report, towns))
        TrialSite.objects.bulk_create(sites, batch_size=BATCH_SIZE)
        report.sites += len(sites)

        _save_identifiers(named_by.values(), identifier_rows)
        _save_cancer_types([t for t in all_trials if not t.cancer_types_checked], mapped)
        _save_unmapped(unmapped)

    report.created += len(new_trials)
    report.updated += len(updated_trials)
    report.unmapped_conditions = len(unmapped)
    update_search_index(all_trials)
    # Bulk writes send no post_save: tell the page cache and the site search index.
    bulk_content_changed.send(sender=Trial)
    return report


def _save_identifiers(named_by, rows: list[tuple[Trial, TrialIdentifier]]) -> None:
    """Replace the numbers each registry's record gave a trial (an editor's and the other registry's stay)."""
    by_registry: dict[str, list[int]] = {}
    for trial, registries in named_by:
        for registry in registries:
            by_registry.setdefault(registry, []).append(trial.pk)
    for registry, trial_ids in by_registry.items():
        delete_rows(TrialIdentifier, "trial", trial_ids, named_by=registry)
    for trial, row in rows:
        row.trial = trial  # the trial has its primary key now
    TrialIdentifier.objects.bulk_create([row for _, row in rows], batch_size=BATCH_SIZE)


def update_rows(model, objects: list, field_names: list[str]) -> None:
    """UPDATE … WHERE id = … for many rows in one executemany: Django's bulk_update builds a CASE expression per
    field and row, which takes seconds for a thousand trials."""
    if not objects:
        return
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in field_names]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"  # noqa: S608 - quoted names only
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields] + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def delete_rows(model, key: str, ids: list[int], **equal) -> None:
    """DELETE the rows whose `key` (a foreign key) is in `ids` (and whose other fields equal `equal`), without
    loading them. QuerySet.delete() sends post_delete for every row, and each moves a cache version: re-importing
    the 1,102 shared studies took 42 s instead of 4 s. The import sends one bulk_content_changed when it is done."""
    quote = connection.ops.quote_name
    table, column = quote(model._meta.db_table), quote(model._meta.get_field(key).column)
    conditions = [f"{quote(model._meta.get_field(name).column)} = %s" for name in equal]
    for chunk in _chunks(ids):
        where = " AND ".join([f"{column} IN ({', '.join(['%s'] * len(chunk))})", *conditions])
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE {where}", [*chunk, *equal.values()])  # noqa: S608 - quoted names only


def _save_cancer_types(trials: list[Trial], mapped: dict[int, set[int]]) -> None:
    through = Trial.cancer_types.through
    delete_rows(through, "trial", [t.pk for t in trials])
    rows = [
        through(trial_id=trial.pk, cancertype_id=cancer_type_id)
        for trial in trials
        for cancer_type_id in sorted(mapped[id(trial)])
    ]
    through.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def _save_unmapped(unmapped: dict[str, dict]) -> None:
    if not unmapped:
        return
    names = [entry["name"][:300] for entry in unmapped.values()]
    existing = {}
    for chunk in _chunks(names):
        existing.update(UnmappedCondition.objects.in_bulk(chunk, field_name="name"))
    now = timezone.now()
    to_create, to_update = [], []
    for entry in unmapped.values():
        name = entry["name"][:300]
        examples = ", ".join(entry["trials"][:5])[:300]
        row = existing.get(name)
        if row is None:
            to_create.append(
                UnmappedCondition(
                    name=name,
                    looks_like_cancer=entry["cancer"],
                    trial_count=len(entry["trials"]),
                    example_trials=examples,
                )
            )
        else:
            row.looks_like_cancer = entry["cancer"]
            row.trial_count = len(entry["trials"])
            row.example_trials = examples
            row.last_seen = now
            to_update.append(row)
    UnmappedCondition.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    update_rows(UnmappedCondition, to_update, ["looks_like_cancer", "trial_count", "example_trials", "last_seen"])


def update_search_index(trials: list[Trial]) -> None:
    """Index the trials for the site's search backend (bulk); a search outage never undoes an import."""
    from wagtail.search.backends import get_search_backends

    for backend in get_search_backends(with_auto_update=True):
        try:
            for chunk in _chunks(trials):
                backend.add_bulk(Trial, chunk)
        except Exception:  # noqa: BLE001 - any backend failure: log it, keep the imported data
            logger.exception("Could not update the search index for %d trials", len(trials))


def import_path(path, client=clinicaltrials_gov, progress=None) -> ImportReport:
    """Read every record under `path` with a registry client, report and skip bad ones, save the rest."""
    started = time.perf_counter()
    report = ImportReport()
    records = []
    for item in client.read_items(path):
        report.read += 1
        if item.error:
            report.skipped.append((item.location, item.error))
            continue
        try:
            records.append(client.parse_record(item.data))
        except RecordError as exc:
            report.skipped.append((item.location, str(exc)))
        if progress and report.read % 500 == 0:
            progress(report.read)
    save_records(records, report)
    report.seconds = time.perf_counter() - started
    return report
