"""The search page: help for empty and fruitless searches, filters, hostile input, the booklet box."""

import time

import pytest

pytestmark = pytest.mark.django_db


def test_empty_query_offers_suggestions_a_to_z_and_the_helpline(client, booklet):
    html = client.get("/search/").content.decode()
    assert "Popular searches" in html
    assert "A–Z list" in html and 'href="tel:' in html and "Talk to a nurse" in html


def test_no_results_offers_help(client, booklet):
    html = client.get("/search/", {"q": "zzzqqq"}).content.decode()
    assert "We found nothing" in html
    assert "A–Z list" in html and "Talk to a nurse" in html


def test_results_page_shows_did_you_mean_counts_and_highlights(client, booklet):
    html = client.get("/search/", {"q": "bisphosphanates"}).content.decode()
    assert "Did you mean" in html and "bisphosphonates</a>?" in html
    assert "<mark>Bisphosphonates</mark>" in html
    assert 'name="type" value="section"' in html


def test_bad_filters_are_ignored_not_errors(client, booklet):
    response = client.get("/search/", {"q": "uterus", "type": ["nonsense", "section"], "page": "x", "cancer_type": "<"})
    assert response.status_code == 200
    assert "Treating endometrial cancer" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "x" * 100_000,
        'bone "cancer',
        "bone AND OR NOT (",
        "'; DROP TABLE wagtailcore_page; --",
        "bone\x00cancer",
        "* ^ : - + ~ NEAR(a b)",
        "<script>alert(1)</script>",
        "\u202e\ufeff",
    ],
)
def test_hostile_queries_get_a_normal_page_quickly(client, booklet, query):
    client.get("/search/", {"q": "warm up"})
    started = time.perf_counter()
    response = client.get("/search/", {"q": query, "page": query[:50]})
    assert response.status_code == 200
    assert time.perf_counter() - started < 2
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_booklet_pages_have_a_search_this_booklet_box(client, booklet):
    section = booklet.get_children().live().first()
    html = client.get(section.url).content.decode()
    assert "Search this booklet" in html and f'name="within" value="{booklet.url}"' in html
    results = client.get("/search/", {"q": "bisphosphonates", "within": booklet.url}).content.decode()
    assert "Searching this booklet only" in results and "Bisphosphonates" in results
