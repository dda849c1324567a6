"""Registry conditions map to our cancer types by name, other names and synonyms; nothing is invented."""

import pytest

from cancerinfo.taxonomy.models import CancerType
from cancerinfo.trials.conditions import ConditionMapper, looks_like_cancer
from cancerinfo.trials.models import UnmappedCondition

pytestmark = pytest.mark.django_db


@pytest.fixture
def cancer_types():
    return {
        "prostate": CancerType.objects.create(name="Prostate cancer"),
        "lung": CancerType.objects.create(name="Lung cancer", other_names="non-small cell lung cancer"),
        "bone": CancerType.objects.create(name="Secondary bone cancer", other_names="bone metastases"),
        "leukaemia": CancerType.objects.create(name="Leukaemia"),
    }


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("Prostate Cancer", {"prostate"}),
        ("prostate cancer", {"prostate"}),
        ("Stage II Prostate Cancer", {"prostate"}),
        ("Prostatic Neoplasms", {"prostate"}),  # our synonym
        ("NSCLC", {"lung"}),  # our synonym
        ("Carcinoma, Non-Small-Cell Lung", {"lung"}),  # MeSH word order
        ("Non-Small Cell Lung Cancer", {"lung"}),  # other name
        ("Bone Metastasis", {"bone"}),  # other name, singular
        ("Acute Myeloid Leukemia", {"leukaemia"}),  # US spelling
        ("Cancer of Prostate", {"prostate"}),
        ("Carcinoma of the Prostate", {"prostate"}),
        ("Erectile Dysfunction", set()),
        ("Cancer", set()),
        ("Bladder cancer", set()),  # no such cancer type here, and none is created
    ],
)
def test_conditions_map_to_cancer_types(cancer_types, condition, expected):
    mapper = ConditionMapper.from_database()
    assert mapper.match(condition) == {cancer_types[key].pk for key in expected}


def test_words_must_match_whole(cancer_types):
    CancerType.objects.create(name="Eye cancer", other_names="uveal melanoma")
    mapper = ConditionMapper.from_database()
    assert mapper.match("Prostate cancers") == {cancer_types["prostate"].pk}
    assert mapper.match("Heye cancer") == set()


def test_an_editors_mapping_is_used_next_time(cancer_types):
    UnmappedCondition.objects.create(name="Adenocarcinoma of the prostate gland", mapped_to=cancer_types["prostate"])
    UnmappedCondition.objects.create(name="Impotence", not_a_cancer_type=True)
    mapper = ConditionMapper.from_database()
    assert mapper.match("Adenocarcinoma of the Prostate Gland") == {cancer_types["prostate"].pk}
    assert "impotence" in mapper.ignored


def test_mapping_creates_no_cancer_types(cancer_types):
    ConditionMapper.from_database().match("Bladder cancer")
    assert CancerType.objects.count() == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Bladder Tumor", True), ("Hodgkin lymphoma", True), ("NSCLC", True), ("Low Back Pain", False)],
)
def test_cancer_words_are_recognised(text, expected):
    assert looks_like_cancer(text) is expected
