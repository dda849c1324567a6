"""Booklet sections show "Related questions": sharing the booklet's cancer types and the section's topics."""

import pytest

from cancerinfo.booklets.models import BookletPage, BookletSectionPage
from cancerinfo.questions.services import related_questions_for_section
from cancerinfo.taxonomy.models import CancerType, Topic, Treatment

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms():
    return {
        "bone": CancerType.objects.create(name="Secondary bone cancer"),
        "breast": CancerType.objects.create(name="Breast cancer"),
        "lung": CancerType.objects.create(name="Lung cancer"),
        "radiotherapy": Treatment.objects.create(name="Radiotherapy"),
        **{topic.slug: topic for topic in Topic.objects.all()},
    }


@pytest.fixture
def section(site_tree, terms):
    booklet = site_tree["cancer-types"].add_child(instance=BookletPage(title="Secondary bone cancer", slug="sbc"))
    booklet.cancer_types.set([terms["bone"], terms["breast"]])
    booklet.save_revision().publish()
    section = booklet.add_child(instance=BookletSectionPage(title="Symptoms", slug="symptoms"))
    section.topics.set([terms["symptoms"], terms["treatment"]])
    section.save_revision().publish()
    return section


def titles(questions):
    return [question.title for question in questions]


def test_best_matches_first_at_most_five(section, terms, make_question):
    t = terms
    make_question("Both cancer types, both topics", [t["bone"], t["breast"]], [t["symptoms"], t["treatment"]])
    make_question("One cancer type, both topics", [t["bone"]], [t["symptoms"], t["treatment"]])
    make_question("Both cancer types, one topic", [t["bone"], t["breast"]], [t["symptoms"]])
    make_question("B: one cancer type, one topic", [t["breast"]], [t["treatment"]])
    make_question("A: one cancer type, one topic", [t["bone"]], [t["symptoms"]])
    make_question("Cancer type only", [t["bone"]], [t["outlook"]])
    make_question("Topic only", [t["lung"]], [t["symptoms"]])
    make_question("Nothing shared", [t["lung"]], [t["outlook"]])

    related = related_questions_for_section(section)
    assert titles(related) == [
        "Both cancer types, both topics",
        "Both cancer types, one topic",
        "One cancer type, both topics",
        "A: one cancer type, one topic",
        "B: one cancer type, one topic",
    ]


def test_lower_scores_fill_the_box_and_subject_matches_beat_topic_only_ones(section, terms, make_question):
    t = terms
    make_question("Topic only", [t["lung"]], [t["symptoms"]])
    make_question("Cancer type only", [t["bone"]], [t["outlook"]])
    make_question("Nothing shared", [t["lung"]], [t["outlook"]])
    make_question("Shares both", [t["bone"]], [t["symptoms"]])
    assert titles(related_questions_for_section(section)) == ["Shares both", "Cancer type only", "Topic only"]


def test_unpublished_questions_are_left_out(section, terms, make_question):
    hidden = make_question("Draft", [terms["bone"]], [terms["symptoms"]])
    hidden.unpublish()
    assert related_questions_for_section(section) == []


def test_related_questions_are_chosen_in_a_constant_number_of_queries(
    section, terms, make_question, client, django_assert_max_num_queries
):
    make_question("Question 00", [terms["bone"]], [terms["symptoms"]])
    with django_assert_max_num_queries(4) as one:
        related = related_questions_for_section(section)
    assert [question.title for question in related] == ["Question 00"]
    queries_for_one = len(one.captured_queries)
    for number in range(1, 12):
        make_question(f"Question {number:02}", [terms["bone"]], [terms["symptoms"]])
    with django_assert_max_num_queries(queries_for_one):
        related = related_questions_for_section(section)
    assert len(related) == 5
    assert {question.title for question in related} <= {f"Question {number:02}" for number in range(12)}


def test_the_booklet_section_page_shows_the_box(section, terms, make_question, client):
    question = make_question("Does secondary bone cancer hurt?", [terms["bone"]], [terms["symptoms"]])
    make_question("Unrelated", [terms["lung"]], [terms["outlook"]])
    html = client.get(section.url).content.decode()
    assert "Related questions" in html
    assert f'href="{question.url}"' in html
    assert "Unrelated" not in html


def test_no_box_when_nothing_is_related(section, client):
    assert "Related questions" not in client.get(section.url).content.decode()
