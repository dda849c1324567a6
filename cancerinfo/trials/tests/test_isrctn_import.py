"""import_trials --registry isrctn: the ISRCTN registry's XML, behind the same registry interface as ClinicalTrials.gov.

It imports the sample file (tests/data/isrctn_sample.xml, written in ISRCTN's published format), updates on
re-import, joins a trial registered in both registries into one trial with both numbers, and stops on a malformed
file with its name and line, leaving nothing half-imported.
"""

import datetime
import io
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from cancerinfo.taxonomy.models import CancerType
from cancerinfo.trials.choices import CoordinatesSource, IdentifierScheme, Phase, Registry, Sex, Status
from cancerinfo.trials.models import Trial, TrialIdentifier, TrialSite
from cancerinfo.trials.registries import isrctn

from .factories import DISTRICTS, ISRCTN_SAMPLE, isrctn_trial, make_districts, study, write_isrctn, write_ndjson

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """ISRCTN statuses are worked out from recruitment dates on the day of the import: fix the day."""
    monkeypatch.setattr(isrctn, "today", lambda: TODAY)


@pytest.fixture
def cancer_types(db):
    return {
        name: CancerType.objects.create(name=name)
        for name in ("Breast cancer", "Prostate cancer", "Myeloma", "Lung cancer", "Ovarian cancer")
    }


def run_import(path, registry=None):
    out, err = io.StringIO(), io.StringIO()
    args = [str(path)] + (["--registry", registry] if registry else [])
    call_command("import_trials", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def snapshot():
    """Everything an import writes, to show that a failed one changed nothing."""
    return (
        sorted(Trial.objects.values_list("registry_id", "title", "status", "last_updated")),
        sorted(TrialSite.objects.values_list("trial__registry_id", "name")),
        sorted(TrialIdentifier.objects.values_list("trial__registry_id", "scheme", "value")),
    )


# ------------------------------------------------------------------------------------------------ the sample


def test_the_sample_file_imports_every_trial_with_its_details(cancer_types):
    make_districts("LS9", "M20")
    out, err = run_import(ISRCTN_SAMPLE)  # an .xml file is read as ISRCTN without --registry

    assert err == ""
    assert "6 created, 0 updated, 0 skipped" in out
    walking = Trial.objects.get(registry_id="ISRCTN10000001")
    assert walking.registry == Registry.ISRCTN
    assert walking.registry_url == "https://www.isrctn.com/ISRCTN10000001"
    assert walking.title == "Sample record: a walking programme during chemotherapy for breast cancer"
    assert walking.official_title.startswith("Sample record: a randomised trial of a supervised walking")
    assert walking.registry_summary.startswith("Background and study aims\nMany people feel very tired")
    assert walking.status == Status.RECRUITING  # between its recruitment start and end on the day of import
    assert walking.phase == Phase.NOT_APPLICABLE
    assert walking.sex == Sex.FEMALE
    assert (walking.min_age_months, walking.max_age_months) == (216, None)
    assert walking.last_updated == datetime.date(2026, 10, 14)
    assert walking.sponsor == "Sample University"
    assert walking.interventions == "Behavioural"
    assert list(walking.cancer_types.all()) == [cancer_types["Breast cancer"]]
    assert walking.registry_eligibility.startswith("Inclusion Criteria:\n\n1. Women aged 18 years or over")
    assert "\n\nExclusion Criteria:\n\n1. Heart or lung problems" in walking.registry_eligibility
    # The public contact first; both are marked public in the record.
    assert walking.central_contact.splitlines() == [
        "Stride Trial Office, 0113 496 0001, stride@example.org",
        "Sample Researcher, 0113 496 0000, research@example.org",
    ]
    leeds = walking.sites.get(city="Leeds")  # no coordinates in ISRCTN: placed by the postcode district
    assert (leeds.name, leeds.postcode, leeds.country) == ("Sample Teaching Hospital, Leeds", "LS9 7TF", "England")
    assert (leeds.latitude, leeds.longitude) == DISTRICTS["LS9"]
    assert leeds.coordinates_source == CoordinatesSource.POSTCODE_DISTRICT
    assert set(walking.identifiers.values_list("scheme", "value")) == {
        (IdentifierScheme.IRAS, "300001"),
        (IdentifierScheme.CPMS, "50001"),
    }


def test_statuses_follow_the_registry_rules(cancer_types):
    run_import(ISRCTN_SAMPLE)
    statuses = dict(Trial.objects.values_list("registry_id", "status"))
    assert statuses == {
        "ISRCTN10000001": Status.RECRUITING,
        "ISRCTN10000002": Status.RECRUITING,
        "ISRCTN10000003": Status.SUSPENDED,  # recruitmentStatusOverride
        "ISRCTN10000004": Status.COMPLETED,  # recruitment and the trial have ended
        "ISRCTN10000005": Status.NOT_YET_RECRUITING,  # recruitment starts in March 2027
        "ISRCTN10000006": Status.TERMINATED,  # overallStatusOverride "Stopped"
    }
    lung = Trial.objects.get(registry_id="ISRCTN10000005")
    assert lung.phase == Phase.PHASE_1_2 and lung.min_age_months == 16 * 12
    assert lung.interventions == "Drug: SAMPLE-001, pembrolizumab"
    assert lung.central_contact == ""  # its only contact is not public


def test_importing_again_updates_in_place_and_keeps_editors_words(tmp_path, cancer_types):
    path = tmp_path / "isrctn.xml"
    path.write_text(ISRCTN_SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    run_import(path)
    trial = Trial.objects.get(registry_id="ISRCTN10000001")
    trial.plain_title = "Walking to feel less tired during chemotherapy"
    trial.key_eligibility = "You are starting chemotherapy for breast cancer"
    trial.save()

    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "<recruitmentStatusOverride/>", "<recruitmentStatusOverride>Suspended</recruitmentStatusOverride>", 1
    )
    text = text.replace('lastUpdated="2026-10-14T09:30:00.000Z"', 'lastUpdated="2026-11-30T09:30:00.000Z"')
    text = text.replace("<irasNumber>300001</irasNumber>", "<irasNumber/>")
    text = text.replace('numberType="iras" canonicalSecondaryNumber="IRAS300001">300001', 'numberType="other">X')
    path.write_text(text, encoding="utf-8")
    out, _ = run_import(path)
    run_import(path)

    assert "0 created, 6 updated" in out
    assert Trial.objects.count() == 6
    trial = Trial.objects.get(registry_id="ISRCTN10000001")
    assert trial.status == Status.SUSPENDED
    assert trial.last_updated == datetime.date(2026, 11, 30)
    assert trial.plain_title == "Walking to feel less tired during chemotherapy"
    assert trial.key_eligibility == "You are starting chemotherapy for breast cancer"
    assert trial.sites.count() == 2  # replaced, not added again
    # The IRAS number the record no longer gives is gone; the CPMS number is kept once.
    assert list(trial.identifiers.values_list("scheme", "value")) == [(IdentifierScheme.CPMS, "50001")]


# ------------------------------------------------------------------------------------- one trial, two registries


def test_an_isrctn_record_naming_a_clinicaltrials_gov_study_joins_it(tmp_path, cancer_types):
    run_import(write_ndjson(tmp_path / "ctgov.ndjson", [study("NCT01234567")]))  # last updated 2026-05-04
    trial_id = Trial.objects.get().pk
    older = isrctn_trial("ISRCTN20000001", "The ISRCTN title", nct="NCT01234567", last_updated="2026-01-10")
    out, _ = run_import(write_isrctn(tmp_path / "isrctn.xml", [older]))

    trial = Trial.objects.get()
    assert trial.pk == trial_id and trial.registry_id == "NCT01234567"  # one trial, its page where it was
    assert list(trial.identifiers.values_list("scheme", "value", "named_by")) == [
        (IdentifierScheme.ISRCTN, "ISRCTN20000001", Registry.ISRCTN)
    ]
    # ClinicalTrials.gov updated its record more recently: its words, status and sites stay.
    assert trial.title == "Radiotherapy for prostate cancer" and trial.registry == Registry.CLINICALTRIALS_GOV
    assert set(trial.sites.values_list("city", flat=True)) == {"Manchester", "Leeds"}
    assert "1 records joined a trial from another registry (1 kept the other registry's more recent record)" in out

    # The ISRCTN record is updated later than ClinicalTrials.gov's: now it supplies the registry fields.
    newer = isrctn_trial(
        "ISRCTN20000001",
        "The ISRCTN title",
        nct="NCT01234567",
        last_updated="2026-11-01",
        recruitment=("2025-01-01", "2026-06-30"),
        centres=[("Glasgow hospital", "Glasgow", "G12 0YN", "Scotland")],
    )
    run_import(write_isrctn(tmp_path / "isrctn.xml", [newer]))
    trial = Trial.objects.get()
    assert (trial.registry_id, trial.registry, trial.title) == ("NCT01234567", Registry.ISRCTN, "The ISRCTN title")
    assert trial.registry_url == "https://www.isrctn.com/ISRCTN20000001"
    assert trial.status == Status.ACTIVE_NOT_RECRUITING
    assert list(trial.sites.values_list("city", flat=True)) == ["Glasgow"]
    assert trial.identifiers.count() == 1

    # Importing ClinicalTrials.gov's older record again changes nothing but its own numbers.
    run_import(write_ndjson(tmp_path / "ctgov.ndjson", [study("NCT01234567")]))
    trial = Trial.objects.get()
    assert (trial.registry, trial.title, trial.status) == (Registry.ISRCTN, "The ISRCTN title", trial.status)
    assert list(trial.sites.values_list("city", flat=True)) == ["Glasgow"]


def test_a_clinicaltrials_gov_study_naming_an_isrctn_record_joins_it(tmp_path, cancer_types):
    run_import(write_isrctn(tmp_path / "isrctn.xml", [isrctn_trial("ISRCTN20000002", last_updated="2026-02-01")]))
    named = study(
        "NCT07654321",
        identificationModule={
            "nctId": "NCT07654321",
            "briefTitle": "Radiotherapy for prostate cancer",
            "secondaryIdInfos": [{"id": "20000002", "type": "REGISTRY", "domain": "ISRCTN"}],
        },
    )
    run_import(write_ndjson(tmp_path / "ctgov.ndjson", [named]))

    trial = Trial.objects.get()
    assert trial.registry_id == "ISRCTN20000002"
    assert trial.registry == Registry.CLINICALTRIALS_GOV  # updated 2026-05-04, after ISRCTN's 2026-02-01
    assert list(trial.identifiers.values_list("value", flat=True)) == ["NCT07654321"]

    # Either number finds the one trial.
    run_import(write_isrctn(tmp_path / "isrctn.xml", [isrctn_trial("ISRCTN20000002", last_updated="2026-02-01")]))
    assert Trial.objects.count() == 1


def test_two_records_of_one_registry_are_never_merged(tmp_path, cancer_types):
    run_import(write_ndjson(tmp_path / "ctgov.ndjson", [study("NCT01234567"), study("NCT07654321")]))
    first = isrctn_trial("ISRCTN20000001", nct="NCT01234567")
    second = isrctn_trial("ISRCTN20000003", "Another", nct="NCT01234567")  # a mistake in the registry
    _, err = run_import(write_isrctn(tmp_path / "isrctn.xml", [first, second]))

    assert Trial.objects.count() == 3
    assert set(Trial.objects.get(registry_id="NCT01234567").identifiers.values_list("value", flat=True)) == {
        "ISRCTN20000001"
    }
    assert Trial.objects.get(registry_id="ISRCTN20000003").identifiers.count() == 0
    assert "Not linked: ISRCTN20000003 names NCT01234567" in err


def test_the_sample_joins_the_real_clinicaltrials_gov_record(tmp_path, cancer_types, client, finder):
    source = settings.TRIALS_DEMO_STUDIES
    if not source.exists():
        pytest.skip(f"The shared ClinicalTrials.gov data is not at {source}")
    with source.open(encoding="utf-8") as handle:
        line = next(line for line in handle if '"NCT05827016"' in line)
    real = json.loads(line)["protocolSection"]
    run_import(write_ndjson(tmp_path / "real.ndjson", [json.loads(line)]))
    run_import(ISRCTN_SAMPLE)

    assert Trial.objects.count() == 6  # the sample's six trials, one of them the real study
    trial = Trial.objects.get(registry_id="NCT05827016")
    assert set(trial.identifiers.values_list("scheme", "value")) == {
        (IdentifierScheme.ISRCTN, "ISRCTN10000002"),
        (IdentifierScheme.EUDRACT, "2022-501515-14"),  # named by both records, kept once
    }
    # The real record was updated after the sample's (June 2023, May 2023): the real words stay.
    assert trial.title == real["identificationModule"]["briefTitle"]
    assert trial.registry == Registry.CLINICALTRIALS_GOV

    response = client.get(f"{finder.url}ISRCTN10000002/")  # its ISRCTN number leads to its one page
    assert response.status_code == 301 and response["Location"] == f"{finder.url}NCT05827016/"
    html = client.get(f"{finder.url}NCT05827016/").content.decode()
    assert "Trial number NCT05827016, also registered as ISRCTN10000002" in html
    assert '<a href="https://clinicaltrials.gov/study/NCT05827016">See NCT05827016 on ClinicalTrials.gov</a>' in html
    assert '<a href="https://www.isrctn.com/ISRCTN10000002">See ISRCTN10000002 on ISRCTN</a>' in html
    assert 'and from the <a href="https://www.isrctn.com/">ISRCTN registry</a>' in html  # the source is credited


# ------------------------------------------------------------------------------------------- files that fail


def test_a_malformed_file_stops_the_import_with_its_name_and_line(tmp_path, cancer_types):
    run_import(ISRCTN_SAMPLE)
    before = snapshot()
    folder = tmp_path / "export"
    folder.mkdir()
    # A good file first (it would change a trial), then a file broken on line 12.
    changed = ISRCTN_SAMPLE.read_text(encoding="utf-8").replace("Sample record: a walking programme", "A changed title")
    (folder / "a-good.xml").write_text(changed, encoding="utf-8")
    lines = ISRCTN_SAMPLE.read_text(encoding="utf-8").splitlines()
    assert lines[11].strip().startswith("<trial ")
    lines[11] = lines[11].replace('version="4"', 'version="4')  # an attribute that is never closed
    (folder / "b-broken.xml").write_text("\n".join(lines), encoding="utf-8")

    with pytest.raises(CommandError) as failure:
        run_import(folder, registry="isrctn")

    message = str(failure.value)
    assert f"{folder / 'b-broken.xml'}:12: not well-formed XML" in message
    assert message.endswith("Nothing was imported.")
    assert snapshot() == before  # not even the good file's change


def test_a_malformed_first_import_leaves_no_trials(tmp_path):
    text = ISRCTN_SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "cut.xml"
    path.write_text(text[: text.index("ISRCTN10000004")], encoding="utf-8")  # cut off in the fourth trial
    with pytest.raises(CommandError, match=r"cut\.xml:\d+: not well-formed XML"):
        run_import(path)
    assert snapshot() == ([], [], [])


def test_entities_are_refused(tmp_path):
    path = tmp_path / "entities.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE allTrials [<!ENTITY big "x">]>\n'
        '<allTrials xmlns="http://www.67bricks.com/isrctn">&big;</allTrials>\n',
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match=r"entities\.xml:2: refused"):
        run_import(path)
    assert Trial.objects.count() == 0


def test_a_file_that_is_not_an_isrctn_export_is_refused(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<?xml version='1.0'?>\n<clinical_study><id>1</id></clinical_study>\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"other\.xml:2: not an ISRCTN export"):
        run_import(path)


def test_a_trial_without_a_number_is_reported_with_its_line_and_skipped(tmp_path, cancer_types):
    nameless = isrctn_trial("ISRCTN20000009").replace("<isrctn>20000009</isrctn>", "<isrctn/>")
    path = write_isrctn(tmp_path / "isrctn.xml", [isrctn_trial("ISRCTN20000001"), nameless])
    out, err = run_import(path)
    assert Trial.objects.count() == 1
    assert f"Skipped {path}:" in err and "missing or malformed ISRCTN number ''" in err
    line = int(err.split(f"{path}:")[1].split(":")[0])
    assert path.read_text().splitlines()[line - 1].strip() == "<fullTrial>"
    assert "1 created, 0 updated, 1 skipped" in out
