"""ClinicalTrials.gov values map onto our vocabulary: statuses, phases, ages and sexes."""

import pytest

from cancerinfo.trials.choices import Phase, Sex, Status
from cancerinfo.trials.registries.base import RecordError
from cancerinfo.trials.registries.clinicaltrials_gov import (
    map_phase,
    map_sex,
    map_status,
    parse_age_months,
    parse_record,
)

from .factories import study


@pytest.mark.parametrize(
    ("registry_value", "expected"),
    [
        ("RECRUITING", Status.RECRUITING),
        ("NOT_YET_RECRUITING", Status.NOT_YET_RECRUITING),
        ("Not yet recruiting", Status.NOT_YET_RECRUITING),
        ("ACTIVE_NOT_RECRUITING", Status.ACTIVE_NOT_RECRUITING),
        ("ENROLLING_BY_INVITATION", Status.ENROLLING_BY_INVITATION),
        ("COMPLETED", Status.COMPLETED),
        ("SUSPENDED", Status.SUSPENDED),
        ("TERMINATED", Status.TERMINATED),
        ("WITHDRAWN", Status.WITHDRAWN),
        ("UNKNOWN", Status.UNKNOWN),
        ("SOMETHING_NEW", Status.UNKNOWN),
        (None, Status.UNKNOWN),
    ],
)
def test_statuses(registry_value, expected):
    assert map_status(registry_value) == expected


@pytest.mark.parametrize(
    ("phases", "expected"),
    [
        (["EARLY_PHASE1"], Phase.EARLY_1),
        (["PHASE1"], Phase.PHASE_1),
        (["PHASE1", "PHASE2"], Phase.PHASE_1_2),
        (["PHASE2"], Phase.PHASE_2),
        (["PHASE2", "PHASE3"], Phase.PHASE_2_3),
        (["PHASE3"], Phase.PHASE_3),
        (["PHASE4"], Phase.PHASE_4),
        (["NA"], Phase.NOT_APPLICABLE),
        ([], Phase.UNKNOWN),
        (None, Phase.UNKNOWN),
    ],
)
def test_phases(phases, expected):
    assert map_phase(phases) == expected


@pytest.mark.parametrize(
    ("age", "months"),
    [
        ("18 Years", 216),
        ("6 Months", 6),
        ("1 Year", 12),
        ("18 Months", 18),
        ("8 Weeks", 1),
        ("3 Days", 0),
        (None, None),
        ("", None),
        ("N/A", None),
        ("eighteen", None),
    ],
)
def test_ages_in_months(age, months):
    assert parse_age_months(age) == months


@pytest.mark.parametrize(
    ("sex", "expected"),
    [("ALL", Sex.ALL), ("FEMALE", Sex.FEMALE), ("MALE", Sex.MALE), (None, Sex.ALL), ("", Sex.ALL)],
)
def test_sexes(sex, expected):
    assert map_sex(sex) == expected


def test_a_study_becomes_a_record():
    record = parse_record(study(eligibilityModule={"sex": "FEMALE", "minimumAge": "6 Months"}))
    assert record.registry_id == "NCT01234567"
    assert record.registry_url == "https://clinicaltrials.gov/study/NCT01234567"
    assert record.title == "Radiotherapy for prostate cancer"
    assert record.status == Status.RECRUITING
    assert record.phase == Phase.PHASE_3
    assert record.sex == Sex.FEMALE
    assert record.min_age_months == 6
    assert record.max_age_months is None
    assert record.interventions == ["Radiotherapy: Short-course radiotherapy"]
    assert record.last_updated.isoformat() == "2026-05-04"
    manchester, leeds = record.sites
    assert (manchester.latitude, manchester.longitude) == (53.4271, -2.23095)
    assert leeds.latitude is None and leeds.postcode == "LS9 7TF"


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"hello": "world"},
        {"protocolSection": {"identificationModule": {"briefTitle": "No id"}}},
        {"protocolSection": {"identificationModule": {"nctId": "12345", "briefTitle": "Bad id"}}},
        {"protocolSection": {"identificationModule": {"nctId": "NCT01234567"}}},
    ],
)
def test_records_that_are_not_studies_are_refused(data):
    with pytest.raises(RecordError):
        parse_record(data)
