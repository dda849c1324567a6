"""Content to put on an information prescription: one of each kind, in the site skeleton."""

import pytest


@pytest.fixture
def content(site_tree):
    from cancerinfo.booklets.tests.factories import add_section, make_booklet
    from cancerinfo.organisations.models import Organisation
    from cancerinfo.questions.models import QuestionPage
    from cancerinfo.trials.tests.factories import make_trial

    booklet = make_booklet(site_tree["cancer-types"], title="Understanding bone metastases", sections=0)
    section = add_section(booklet, "Treating pain", body="<p>How pain is treated.</p>")
    section.search_description = "Medicines and radiotherapy for bone pain."
    section.save_revision().publish()
    other = add_section(booklet, "Radiotherapy for bones")
    question = site_tree["questions"].add_child(
        instance=QuestionPage(title="Can radiotherapy help bone pain?", short_answer="Yes, often within weeks.")
    )
    question.save_revision().publish()
    organisation = Organisation.objects.create(
        name="Bone Pain Helpers", summary="Sample charity that helps with bone pain.", website="https://example.org/"
    )
    trial = make_trial(title="A bone pain trial of a new medicine", registry_id="NCT09999991", is_cancer_trial=True)
    return {"section": section, "other": other, "question": question, "organisation": organisation, "trial": trial}


@pytest.fixture
def professional(db):
    """A health professional who proved an nhs.net address."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cancerinfo.prescriptions.models import HealthProfessional

    user = get_user_model().objects.create(username="hp-sam.patel@nhs.net", email="sam.patel@nhs.net")
    return HealthProfessional.objects.create(
        user=user, name="Dr Sam Patel", job_title="Consultant oncologist", email_verified_at=timezone.now()
    )


@pytest.fixture
def professional_client(client, professional):
    client.force_login(professional.user)
    return client
