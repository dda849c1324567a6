"""The questions index and its topic and cancer-type pages in Welsh: the headings, counts, links and pager are in
Welsh on the Welsh pages (locale/cy, questions/views.py); the English pages keep their English."""

import pytest

from cancerinfo.questions import services
from cancerinfo.taxonomy.models import CancerType, Topic
from cancerinfo.translations.tests.factories import assert_english_kept, translate, welsh_page_html

pytestmark = pytest.mark.django_db

INDEX = [
    ("<h2>Pori yn ôl pwnc</h2>", "Browse by topic"),
    ("(3 cwestiwn)", "(3 questions)"),
    ("Pori yn ôl math o ganser", "Browse by cancer type"),
    ('<h2 id="all-questions">Pob cwestiwn', "All questions"),
    ("Tudalen 1 o 2", "Page 1 of 2"),
]
TOPIC = [
    ("<h1>Cwestiynau am symptoms</h1>", "Questions about"),
    ('<p class="question-count">3 cwestiwn</p>', "3 questions"),
    ('<h2 class="visually-hidden">Cwestiynau</h2>', '<h2 class="visually-hidden">Questions</h2>'),
    ("Pob cwestiwn ac ateb", "All questions and answers"),
    ("(tudalen 2)", "(page 2)"),
]


@pytest.fixture
def indexes(questions_index, make_question, monkeypatch):
    monkeypatch.setattr(services.paginate, "__defaults__", (2,))  # two questions a page
    bone = CancerType.objects.create(name="Secondary bone cancer", other_names="Bone secondaries")
    welsh = translate(questions_index, "cy", {questions_index.title: "Cwestiynau ac atebion"})
    for number in range(3):
        question = make_question(f"Question {number}", [bone], [Topic.objects.get(slug="symptoms")])
        translate(question, "cy", {question.title: f"Cwestiwn {number}"})
    return {"english": questions_index, "welsh": welsh}


def test_the_welsh_questions_index_is_in_welsh(client, indexes):
    welsh_page_html(client.get(indexes["welsh"].url), INDEX)


def test_the_welsh_topic_and_cancer_type_pages_are_in_welsh(client, indexes):
    welsh_page_html(client.get(indexes["welsh"].url + "topic/symptoms/?page=2"), TOPIC)
    cancer_type = client.get(indexes["welsh"].url + "cancer-type/secondary-bone-cancer/").content.decode()
    assert "<h1>Cwestiynau am Secondary bone cancer</h1>" in cancer_type
    assert "Enwau eraill: Bone secondaries." in cancer_type and "Also called" not in cancer_type


def test_the_english_question_indexes_keep_their_english(client, indexes):
    index = client.get(indexes["english"].url).content.decode()
    topic = client.get(indexes["english"].url + "topic/symptoms/?page=2").content.decode()

    assert_english_kept(index, INDEX)
    assert "<h1>Questions about symptoms</h1>" in topic and "Cwestiynau" not in topic
    assert '<p class="question-count">3 questions</p>' in topic and "All questions and answers" in topic
