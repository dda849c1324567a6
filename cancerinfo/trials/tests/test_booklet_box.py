"""A booklet's "Research – clinical trials" section shows recruiting trials for the booklet's cancer types."""

import datetime

import pytest

from cancerinfo.booklets.models import BookletSectionPage
from cancerinfo.booklets.tests.factories import add_section, make_booklet, publish
from cancerinfo.taxonomy.models import Topic
from cancerinfo.trials import freshness
from cancerinfo.trials.choices import Status
from cancerinfo.trials.services import booklet_trials, is_research_section

from .factories import make_trial

pytestmark = pytest.mark.django_db


@pytest.fixture
def booklet(site_tree, prostate):
    booklet = make_booklet(site_tree["cancer-types"], "Understanding prostate cancer", sections=1)
    booklet.cancer_types.set([prostate])
    publish(booklet)
    return booklet


def research_section(booklet, slug="research-and-trials"):
    section = add_section(booklet, "Research and trials", slug=slug)
    research, _ = Topic.objects.get_or_create(slug="research", defaults={"name": "Research"})
    section.topics.set([research])
    return publish(section)


def test_the_research_section_lists_up_to_five_recruiting_trials_for_the_booklet(client, booklet, prostate, lung):
    for number in range(7):
        make_trial(f"Prostate trial {number}", cancer_types=[prostate])
    make_trial("Closed prostate trial", cancer_types=[prostate], status=Status.COMPLETED)
    make_trial("Lung trial", cancer_types=[lung])
    section = research_section(booklet)

    html = client.get(section.url).content.decode()
    assert "Clinical trials recruiting now for prostate cancer" in html
    assert html.count('<li><a href="/clinical-trials/NCT') == 5
    assert "Closed prostate trial" not in html and "Lung trial" not in html
    assert 'href="/clinical-trials/?cancer=prostate-cancer&amp;status=recruiting"' in html
    assert "Find trials for prostate cancer near you" in html


def test_a_section_named_clinical_trials_shows_the_box_too(client, booklet, prostate):
    make_trial("Prostate trial", cancer_types=[prostate])
    section = add_section(booklet, "Research – clinical trials", slug="research-clinical-trials")
    assert "Prostate trial" in client.get(section.url).content.decode()


def test_other_sections_have_no_trials_box(client, booklet, prostate):
    make_trial("Prostate trial", cancer_types=[prostate])
    section = add_section(booklet, "Side effects")
    assert "trials-box" not in client.get(section.url).content.decode()


def test_with_no_recruiting_trials_the_box_still_points_to_the_finder(client, booklet):
    html = client.get(research_section(booklet).url).content.decode()
    assert "We do not know of any trials recruiting now for prostate cancer" in html
    assert 'href="/clinical-trials/?cancer=prostate-cancer&amp;status=recruiting"' in html


def test_the_box_runs_a_constant_number_of_queries(client, booklet, prostate, django_assert_max_num_queries):
    section = research_section(booklet)
    make_trial("First", cancer_types=[prostate])
    client.get(section.url)
    with django_assert_max_num_queries(60) as before:
        response = client.get(section.url)
    assert response.status_code == 200
    assert response.content.decode().count('<li><a href="/clinical-trials/NCT') == 1
    for number in range(20):
        make_trial(f"More {number}", cancer_types=[prostate])
    with django_assert_max_num_queries(len(before.captured_queries)):
        response = client.get(section.url)
    assert response.status_code == 200
    assert response.content.decode().count('<li><a href="/clinical-trials/NCT') == 5  # the box is full now


def test_the_box_lists_the_newest_cancer_trials_first_then_by_title(finder, prostate):
    today = freshness.today()
    make_trial("An older trial", cancer_types=[prostate], last_updated=today - datetime.timedelta(days=300))
    make_trial("Newest B", cancer_types=[prostate], last_updated=today - datetime.timedelta(days=10))
    make_trial("Newest A", cancer_types=[prostate], last_updated=today - datetime.timedelta(days=10))
    make_trial("Not about cancer", cancer_types=[prostate], is_cancer_trial=False)
    make_trial("Closed", cancer_types=[prostate], status=Status.COMPLETED)
    # "Recruiting", but the registry has not confirmed it for over 12 months (freshness.py): not in the box.
    make_trial("Not confirmed", cancer_types=[prostate], last_updated=today - datetime.timedelta(days=400))

    box = booklet_trials([prostate])

    assert [trial.title for trial in box.trials] == ["Newest A", "Newest B", "An older trial"]
    assert box.finder_url == finder.url


def test_a_section_not_yet_saved_is_a_research_section_only_by_its_name():
    # The editor's preview of a new section: it has no topics yet, so only its slug can say.
    assert is_research_section(BookletSectionPage(title="Side effects", slug="side-effects")) is False
    assert is_research_section(BookletSectionPage(title="Trials", slug="clinical-trials-near-you")) is True
