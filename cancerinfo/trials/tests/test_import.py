"""import_trials: creates or updates by registry id, keeps editors' words, reports bad lines and skips them."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from cancerinfo.taxonomy.models import CancerType
from cancerinfo.trials.choices import CoordinatesSource, Phase, Sex, Status
from cancerinfo.trials.models import Trial, TrialSite, UnmappedCondition

from .factories import DISTRICTS, make_districts, study, write_ndjson

pytestmark = pytest.mark.django_db


def run_import(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_trials", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def prostate():
    return CancerType.objects.create(name="Prostate cancer")


def test_a_study_is_imported_with_its_sites_and_cancer_types(tmp_path, prostate):
    make_districts("LS9")
    out, _ = run_import(write_ndjson(tmp_path / "studies.ndjson", [study()]))

    trial = Trial.objects.get(registry_id="NCT01234567")
    assert trial.title == "Radiotherapy for prostate cancer"
    assert trial.status == Status.RECRUITING
    assert trial.phase == Phase.PHASE_3
    assert trial.sex == Sex.MALE
    assert trial.min_age_months == 216 and trial.max_age_months is None
    assert list(trial.cancer_types.all()) == [prostate]
    assert trial.is_cancer_trial
    assert trial.summary == "The registry's summary." and trial.summary_from_registry
    manchester = trial.sites.get(city="Manchester")
    assert (manchester.latitude, manchester.coordinates_source) == (53.4271, CoordinatesSource.REGISTRY)
    leeds = trial.sites.get(city="Leeds")  # a UK site without a geoPoint: placed by its postcode district
    assert (leeds.latitude, leeds.longitude) == DISTRICTS["LS9"]
    assert leeds.coordinates_source == CoordinatesSource.POSTCODE_DISTRICT
    assert "1 created, 0 updated, 0 skipped" in out


def test_importing_again_updates_in_place_and_keeps_editors_words(tmp_path, prostate):
    path = write_ndjson(tmp_path / "studies.ndjson", [study()])
    run_import(path)
    trial = Trial.objects.get()
    trial.plain_title = "Shorter radiotherapy for prostate cancer"
    trial.plain_summary = "Our plain-English summary."
    trial.key_eligibility = "You are a man aged 18 or over"
    trial.who_can_refer = "self"
    trial.save()

    changed = study(statusModule={"overallStatus": "COMPLETED"}, descriptionModule={"briefSummary": "New words."})
    write_ndjson(path, [changed])
    out, _ = run_import(path)
    run_import(path)

    assert Trial.objects.count() == 1
    trial = Trial.objects.get()
    assert trial.status == Status.COMPLETED
    assert trial.registry_summary == "New words."
    assert trial.plain_title == "Shorter radiotherapy for prostate cancer"
    assert trial.plain_summary == "Our plain-English summary." and not trial.summary_from_registry
    assert trial.key_eligibility == "You are a man aged 18 or over"
    assert trial.who_can_refer == "self"
    assert TrialSite.objects.count() == 2  # replaced, not duplicated
    assert trial.cancer_types.count() == 1
    assert "0 created, 1 updated" in out


def test_checked_cancer_types_are_left_alone(tmp_path, prostate):
    path = write_ndjson(tmp_path / "studies.ndjson", [study()])
    run_import(path)
    bone = CancerType.objects.create(name="Secondary bone cancer")
    trial = Trial.objects.get()
    trial.cancer_types.set([bone])
    trial.cancer_types_checked = True
    trial.save()
    run_import(path)
    assert list(Trial.objects.get().cancer_types.all()) == [bone]


def test_a_bad_line_is_reported_with_its_number_and_skipped(tmp_path, prostate):
    studies = [study("NCT00000001"), study("NCT00000002"), study("NCT00000003")]
    path = write_ndjson(tmp_path / "studies.ndjson", studies, bad_lines={2: '{"protocolSection": {broken', 4: "[]"})
    out, err = run_import(path)

    assert set(Trial.objects.values_list("registry_id", flat=True)) == {"NCT00000001", "NCT00000002", "NCT00000003"}
    assert f"{path}:2: not valid JSON" in err
    assert f"{path}:4: not a JSON object" in err
    assert "3 created, 0 updated, 2 skipped" in out


def test_a_study_without_an_id_is_skipped(tmp_path, prostate):
    nameless = study(identificationModule={"briefTitle": "No number"})
    path = write_ndjson(tmp_path / "studies.ndjson", [study(), nameless])
    _, err = run_import(path)
    assert "studies.ndjson:2: missing or malformed nctId" in err
    assert Trial.objects.count() == 1


def test_unmapped_conditions_are_kept_for_review(tmp_path, prostate):
    odd = study(conditionsModule={"conditions": ["Prostate Cancer", "Erectile Dysfunction", "Penile Cancer"]})
    run_import(write_ndjson(tmp_path / "studies.ndjson", [odd]))
    kept = {c.name: c for c in UnmappedCondition.objects.all()}
    assert set(kept) == {"Erectile Dysfunction", "Penile Cancer"}
    assert kept["Penile Cancer"].looks_like_cancer and not kept["Erectile Dysfunction"].looks_like_cancer
    assert kept["Penile Cancer"].example_trials == "NCT01234567"
    assert CancerType.objects.count() == 1  # nothing created silently


def test_trials_not_about_cancer_are_kept_but_hidden(tmp_path):
    back_pain = study(title="Surgery for back pain", conditionsModule={"conditions": ["Low Back Pain"]})
    run_import(write_ndjson(tmp_path / "studies.ndjson", [back_pain]))
    assert not Trial.objects.get().is_cancer_trial


def test_a_json_array_and_a_folder_of_files_import(tmp_path, prostate):
    (tmp_path / "array.json").write_text(json.dumps([study("NCT00000011"), study("NCT00000012")]))
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "single.json").write_text(json.dumps(study("NCT00000013"), indent=2))
    (tmp_path / "notes.txt").write_text("not a study")
    out, err = run_import(tmp_path)
    assert Trial.objects.count() == 3
    assert "3 created" in out and err == ""


def test_a_missing_path_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run_import(tmp_path / "nowhere.ndjson")


def test_real_clinicaltrials_gov_records_import(tmp_path, prostate):
    source = settings.TRIALS_DEMO_STUDIES
    if not source.exists():
        pytest.skip(f"The shared ClinicalTrials.gov sample is not at {source}")
    with source.open(encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(60)]
    path = tmp_path / "sample.ndjson"
    path.write_text("".join(lines))
    out, err = run_import(path)
    assert Trial.objects.count() == 60 and err == ""
    assert TrialSite.objects.exists()


def test_imported_trials_are_found_by_site_search_at_once_and_cached_pages_are_dropped(tmp_path, prostate):
    from cancerinfo.delivery.page_cache import content_version
    from cancerinfo.search.services import get_index, search

    get_index()  # this process's index, built before the import
    before = content_version()
    make_districts("LS9")
    run_import(write_ndjson(tmp_path / "studies.ndjson", [study()]))
    assert content_version() != before
    found = search("radiotherapy prostate", kinds=["trial"], log=False)
    assert [r.document.title for r in found.results] == ["Radiotherapy for prostate cancer"]


def test_importing_again_deletes_old_rows_without_a_signal_per_row(tmp_path, prostate):
    """Each post_delete moves a cache version; the import moves it once at the end instead (bulk_content_changed)."""
    from django.db.models.signals import post_delete

    path = write_ndjson(tmp_path / "studies.ndjson", [study("NCT00000001"), study("NCT00000002")])
    run_import(path)
    deleted = []

    def count(sender, **kwargs):
        deleted.append(sender)

    post_delete.connect(count, weak=False, dispatch_uid="test-count-deletes")
    try:
        run_import(path)
    finally:
        post_delete.disconnect(dispatch_uid="test-count-deletes")
    assert deleted == []
    assert TrialSite.objects.count() == 4 and Trial.objects.filter(cancer_types=prostate).count() == 2
