"""A small published site for the API: two booklets on different subjects, questions, a term, a trial, an
organisation."""

import datetime

import pytest

from cancerinfo.booklets.tests.factories import add_section, make_booklet, publish
from cancerinfo.glossary.models import Term
from cancerinfo.organisations.models import Organisation
from cancerinfo.questions.models import QuestionPage
from cancerinfo.taxonomy.models import CancerType, CancerTypeCode, Topic, Treatment
from cancerinfo.trials.models import Trial


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    """Walks and schemathesis make hundreds of requests from one address; test_keys.py sets the limits it tests."""
    settings.API_ANONYMOUS_RATE = "50000/minute"
    settings.API_PARTNER_RATE = "100000/minute"


@pytest.fixture
def content(site_tree):
    bone = CancerType.objects.create(name="Secondary bone cancer")
    bowel = CancerType.objects.create(name="Bowel cancer")
    CancerTypeCode.objects.create(cancer_type=bone, system="icd10", code="C79.5")
    for code in ("C18", "C19", "C20"):
        CancerTypeCode.objects.create(cancer_type=bowel, system="icd10", code=code)
    radiotherapy = Treatment.objects.create(name="Radiotherapy")
    topic = Topic.objects.get_or_create(slug="treatment", defaults={"name": "Treatment"})[0]

    bone_booklet = make_booklet(
        site_tree["cancer-types"], "Understanding secondary bone cancer", sections=0,
        summary="About cancer that has spread to the bones.", last_reviewed=datetime.date(2026, 3, 3),
        references=[("reference", {"title": "Bone metastases", "source": "A journal", "year": 2024, "url": ""})],
    )  # fmt: skip
    bone_booklet.cancer_types.set([bone])
    bone_booklet.treatments.set([radiotherapy])
    publish(bone_booklet)
    first = add_section(
        bone_booklet, "What it is",
        body='<p>Bone <b>cells</b> <a href="https://example.org/x">link</a>.</p>'
        f'<p><a linktype="page" id="{bone_booklet.pk}">the booklet</a></p>',
    )  # fmt: skip
    first.topics.set([topic])
    publish(first)
    add_section(bone_booklet, "Living with it")

    bowel_booklet = make_booklet(site_tree["cancer-types"], "Understanding bowel cancer", sections=2)
    bowel_booklet.cancer_types.set([bowel])
    publish(bowel_booklet)

    question = site_tree["questions"].add_child(
        instance=QuestionPage(title="Does radiotherapy hurt?", short_answer="No, it does not hurt.")
    )
    question.cancer_types.set([bone])
    question.treatments.set([radiotherapy])
    question.topics.set([topic])
    publish(question)
    other = site_tree["questions"].add_child(
        instance=QuestionPage(title="What is bowel cancer?", short_answer="Cancer of the large bowel.")
    )
    other.cancer_types.set([bowel])
    publish(other)

    term = Term.objects.create(term="Metastasis", definition="Cancer that has spread.")
    organisation = Organisation.objects.create(name="Bone Friends", summary="Sample content. Helps.", region="uk")
    organisation.cancer_types.set([bone])
    organisation.save()
    trial = Trial.objects.create(registry_id="NCT01234567", title="A bone trial", status="recruiting")
    trial.cancer_types.set([bone])
    return {
        "bone": bone, "bowel": bowel, "radiotherapy": radiotherapy, "topic": topic,
        "bone_booklet": bone_booklet, "bowel_booklet": bowel_booklet, "first_section": first,
        "question": question, "other_question": other, "term": term, "organisation": organisation, "trial": trial,
    }  # fmt: skip
