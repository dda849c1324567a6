"""Easy read is scored by a stricter rule than pages for patients: a reading age of 9 and no sentence over 15 words
(the most an easy-read idea may have), where a page for patients may have up to 25 words in a sentence and a
reading age of 11. A section is written for its booklet's audience."""

import pytest

from cancerinfo.booklets.tests.factories import add_section, make_booklet
from cancerinfo.governance import readability

pytestmark = pytest.mark.django_db

SIXTEEN_WORDS = "You will have your treatment at the hospital on the same day each week for six weeks."
TWENTY_WORDS = (
    "You can bring a friend or someone from your family with you when you come to the hospital for treatment."
)


@pytest.fixture
def booklets(site_tree):
    patients = make_booklet(site_tree["treatments"], "Chemo for patients", sections=0)
    easy = make_booklet(site_tree["treatments"], "Chemo easy read", sections=0, audience="easy_read")
    return patients, easy


def test_an_easy_read_section_flags_sentences_over_15_words_and_aims_at_a_reading_age_of_9(booklets):
    patients, easy = booklets
    body = f"<p>{SIXTEEN_WORDS} {TWENTY_WORDS} Rest when you need to.</p>"
    for_patients = readability.analyse_page(add_section(patients, "Having chemo", body=body))
    easy_read = readability.analyse_page(add_section(easy, "Having chemo", body=body))

    assert for_patients.long_sentences == []
    assert (for_patients.target, for_patients.long_sentence_words) == (11, 25)
    assert easy_read.long_sentences == [SIXTEEN_WORDS, TWENTY_WORDS]
    assert (easy_read.target, easy_read.long_sentence_words, easy_read.rule_label) == (9, 15, "easy read")


def test_the_editor_sees_the_easy_read_target(admin_client, booklets):
    _patients, easy = booklets
    section = add_section(easy, "Having chemo", body=f"<p>{TWENTY_WORDS}</p>")
    html = admin_client.get(f"/admin/pages/{section.pk}/edit/").content.decode()
    assert "Target for easy read: 9 or under." in html
    assert "<strong>Long sentences</strong> (more than 15 words): 1" in html


def test_a_question_in_easy_read_is_scored_by_the_easy_read_rule(site_tree):
    from cancerinfo.questions.models import QuestionPage

    question = site_tree["questions"].add_child(
        instance=QuestionPage(title="What is chemo?", short_answer=TWENTY_WORDS, audience="easy_read")
    )
    assert readability.analyse_page(question).long_sentences == [TWENTY_WORDS]
