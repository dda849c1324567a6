"""The demo glossary: at least 60 terms of our own writing covering the demo booklets, safe to load twice."""

from io import StringIO

import pytest

from cancerinfo.glossary import demo
from cancerinfo.glossary.models import Term

pytestmark = pytest.mark.django_db

REQUIRED = [
    "osteoclast", "osteoblast", "bisphosphonate", "hypercalcaemia", "metastasis", "bone marrow", "bone scan",
    "MRI scan", "CT scan", "X-ray", "biopsy", "radiotherapy", "chemotherapy", "hormonal therapy", "oncologist",
    "palliative care", "fracture", "spinal cord compression", "calcium", "analgesic", "morphine", "denosumab",
    "clinical trial", "side effect", "tumour", "benign", "malignant", "lymph node", "immune system", "cannula",
    "PICC line", "neutropenia", "fatigue", "nausea",
]  # fmt: skip


def test_demo_glossary_loads_twice_without_duplicates(site_tree):
    demo.load(site_tree, StringIO())
    count = Term.objects.count()
    demo.load(site_tree, StringIO())
    assert Term.objects.count() == count >= 60
    names = set(Term.objects.values_list("term", flat=True))
    assert not [name for name in REQUIRED if name not in names]
    osteoclast = Term.objects.get(term="osteoclast")
    assert osteoclast.pronunciation == "os-tee-oh-klast"
    assert "hypercalcemia" in Term.objects.get(term="hypercalcaemia").other_names
    with_pronunciation = Term.objects.exclude(pronunciation="").count()
    assert with_pronunciation >= 50
