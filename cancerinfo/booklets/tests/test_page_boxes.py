"""A booklet or section page is its text plus the boxes its editor chose, in the editor's order. "Show the standard
boxes for this page type" (on for every page, so existing pages look as they did) adds the boxes the apps offer as
standard; an editor turns it off to show only their own list. The boxes come from the apps that registered them."""

import pytest
from django.urls import reverse

from cancerinfo.booklets.models import BookletSectionPage
from cancerinfo.core import boxes

from .factories import add_section, make_booklet, publish

pytestmark = pytest.mark.django_db

# What each box shows (the boxes' own apps test what is in them).
WHO_CAN_HELP = 'id="who-can-help-heading"'
TRIALS = 'id="trials-box-title"'
ORDER = 'class="order-link"'
SEARCH = 'aria-label="Search this booklet"'


def choose(page, *keys, standard=True):
    page.standard_boxes = standard
    page.boxes = [("box", key) for key in keys]
    return publish(page)


def html_of(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def positions(html, *markers) -> list[int]:
    found = [html.find(marker) for marker in markers]
    assert -1 not in found, f"not on the page: {[m for m, at in zip(markers, found, strict=True) if at == -1]}"
    return found


@pytest.fixture
def booklet(site_tree):
    return make_booklet(site_tree["cancer-types"], "Understanding boxes", sections=2)


@pytest.fixture
def section(booklet):
    return booklet.get_children().order_by("path").first().specific


def test_a_page_shows_the_standard_boxes_until_an_editor_says_otherwise(client, section):
    assert BookletSectionPage().standard_boxes is True  # and the migration gave existing pages the same
    assert section.standard_boxes is True and len(section.boxes) == 0

    html = html_of(client, section)

    order, search = positions(html, ORDER, SEARCH)
    assert order < search
    assert TRIALS not in html and WHO_CAN_HELP not in html  # standard only on sections about those subjects


def test_standard_boxes_that_depend_on_the_subject_show_on_sections_about_it(client, booklet):
    research = add_section(booklet, "Research and clinical trials", slug="research-clinical-trials")
    support = add_section(booklet, "Who can help", slug="who-can-help")

    research_html = html_of(client, research)
    support_html = html_of(client, support)

    trials, order, search = positions(research_html, TRIALS, ORDER, SEARCH)
    assert order < trials < search  # in the standard order
    assert WHO_CAN_HELP not in research_html
    who, order = positions(support_html, WHO_CAN_HELP, ORDER)
    assert who < order
    assert TRIALS not in support_html


def test_the_page_shows_the_boxes_the_editor_chose_in_the_editors_order(client, section):
    choose(section, "trials.recruiting_trials", "organisations.who_can_help", standard=False)
    html = html_of(client, section)
    trials, who = positions(html, TRIALS, WHO_CAN_HELP)
    assert trials < who
    assert ORDER not in html and SEARCH not in html  # standard boxes, not chosen

    choose(section, "organisations.who_can_help", "search.booklet_search", "trials.recruiting_trials", standard=False)
    html = html_of(client, section)
    who, search, trials = positions(html, WHO_CAN_HELP, SEARCH, TRIALS)
    assert who < search < trials


def test_boxes_an_editor_adds_follow_the_standard_ones(client, section):
    choose(section, "organisations.who_can_help", "search.booklet_search")

    html = html_of(client, section)

    order, search, who = positions(html, ORDER, SEARCH, WHO_CAN_HELP)
    assert order < search < who
    assert html.count(SEARCH) == 1  # chosen and standard: shown once


def test_an_editor_can_turn_a_standard_box_off(client, booklet):
    research = add_section(booklet, "Research and clinical trials", slug="research-clinical-trials")
    choose(research, "search.booklet_search", standard=False)

    html = html_of(client, research)

    assert SEARCH in html
    assert TRIALS not in html and ORDER not in html


def test_a_booklet_page_composes_its_boxes_the_same_way(client, booklet):
    html = html_of(client, booklet)
    order, search = positions(html, ORDER, SEARCH)
    assert order < search

    choose(booklet, "organisations.who_can_help", "publications.order_or_download", standard=False)
    html = html_of(client, booklet)
    who, order = positions(html, WHO_CAN_HELP, ORDER)
    assert who < order
    assert SEARCH not in html


def test_a_box_that_does_not_suit_the_page_type_is_not_shown(booklet):
    """Related questions are drawn for a section; a booklet's list keeps only what suits it."""
    booklet.boxes = [("box", "questions.related_questions"), ("box", "search.booklet_search")]
    booklet.standard_boxes = False

    assert [box.key for box in boxes.boxes_for(booklet)] == ["search.booklet_search"]


def test_editors_choose_from_the_registered_boxes_and_see_which_are_standard(admin_client, section):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[section.pk])).content.decode()

    assert "Show the standard boxes for this page type" in html
    assert "The standard boxes, in this order: Related questions" in html
    assert "Clinical trials recruiting now (trials near you) (on sections tagged" in html
    assert "trials.recruiting_trials" in html  # one of the choices for the list of boxes
