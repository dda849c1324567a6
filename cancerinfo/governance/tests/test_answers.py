"""Answers (CancerQs question pages) get the same governance as booklet sections."""

import datetime

import pytest

from cancerinfo.governance import roles
from cancerinfo.governance.models import ReadabilityScore

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(site_tree):
    from cancerinfo.questions.models import QuestionPage

    page = site_tree["questions"].add_child(
        instance=QuestionPage(
            title="Can I commence work during chemotherapy?",
            short_answer="Many people utilise flexible hours. Prior to treatment, talk to your employer.",
            last_reviewed=datetime.date(2022, 1, 5),
            next_review_due=datetime.date(2025, 1, 5),
        )
    )
    page.save_revision().publish()
    return page


def test_answers_show_editors_the_readability_panel(admin_client, question):
    html = admin_client.get(f"/admin/pages/{question.pk}/edit/").content.decode()
    assert "data-readability" in html
    assert "“commence” → “start”" in html and "“utilise” → “use”" in html and "“prior to” → “before”" in html


def test_answers_are_scored_when_published(question):
    assert ReadabilityScore.objects.filter(page_id=question.pk).exists()


def test_an_overdue_answer_shows_the_notice_and_the_feedback_form(client, question):
    html = client.get(question.url).content.decode()
    assert "We are checking this information." in html
    assert "Was this page helpful?" in html


def test_answers_go_through_the_review_workflow(question, editorial_roles):
    assert question.get_workflow().name == roles.WORKFLOW_NAME
