"""Demo content: the real sample when the shared data is there, otherwise our own trials marked as demonstrations."""

import io

import pytest

from cancerinfo.taxonomy.models import CancerType
from cancerinfo.trials import demo
from cancerinfo.trials.models import Trial

pytestmark = pytest.mark.django_db


def test_without_the_shared_sample_our_own_demonstration_trials_load_twice_safely(site_tree, settings, tmp_path):
    settings.TRIALS_DEMO_STUDIES = tmp_path / "absent.ndjson"
    CancerType.objects.create(name="Breast cancer")
    for _ in range(2):
        demo.load(site_tree, io.StringIO())
    trials = Trial.objects.all()
    assert trials.count() == len(demo.DEMO_TRIALS)
    assert all(trial.is_demo and trial.title.startswith("Demonstration:") for trial in trials)
    breast = Trial.objects.get(registry_id="DEMO0002")
    assert [c.name for c in breast.cancer_types.all()] == ["Breast cancer"]
    assert breast.plain_summary.startswith("Sample content.")
    if settings.TRIALS_POSTCODE_DISTRICTS_CSV.exists():
        assert breast.sites.filter(latitude__isnull=False).count() == 2
