"""The search page: help for empty and fruitless searches, filters, hostile input, the booklet box."""

import time

import pytest

from cancerinfo.booklets.tests.factories import add_section

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


# The part of the page below its heading is written in Python (views.results_hole), not a template: these pin its HTML.
def _results_part(client, path="/search/", **params) -> str:
    html = client.get(path, params).content.decode()
    return html[html.index('<form class="search-form site-search"') : html.index('<div class="inset">')]


def test_the_filters_are_open_only_when_one_is_applied(client, booklet):
    assert '<details class="site-search__filters">' in _results_part(client, q="uterus")
    filtered = _results_part(client, q="uterus", type="section")
    assert '<details class="site-search__filters" open>' in filtered
    assert '<input type="checkbox" id="type-section" name="type" value="section" checked>' in filtered
    assert '<label for="type-section">Booklet sections <span class="site-search__count">(1)</span></label>' in filtered
    closed = _results_part(client, q="uterus", closed="on")
    assert '<details class="site-search__filters" open>' in closed
    assert '<input type="checkbox" id="filter-closed" name="closed" checked>' in closed


def test_a_query_with_markup_and_quotes_is_escaped_in_the_box_the_heading_and_the_links(client, booklet):
    query = """<script>alert("x")</script> o'brien & co"""
    part = _results_part(client, q=query, type="section", within=booklet.url)
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; o&#x27;brien &amp; co"
    assert f'<input id="search-query" name="q" type="search" value="{escaped}" maxlength="200"' in part
    assert f"<h2>We found nothing for “{escaped}”</h2>" in part
    encoded = "%3Cscript%3Ealert%28%22x%22%29%3C/script%3E%20o%27brien%20%26%20co"
    assert f'<a href="/search/?q={encoded}">Search the whole site</a>' in part
    assert f'<li><a href="/search/?q={encoded}">Search again without filters</a>.</li>' in part
    assert "<script>" not in part and "o'brien" not in part


def test_no_results_offers_searching_again_without_filters_only_when_filtered(client, booklet):
    plain = _results_part(client, q="zzzqqq")
    assert (
        "<h2>We found nothing for “zzzqqq”</h2>" in plain
        and "<li>Check the spelling, or try fewer words.</li>" in plain
    )
    assert "Search again without filters" not in plain and "<details" not in plain
    filtered = _results_part(client, q="zzzqqq", cancer_type="womb")
    assert '<li><a href="/search/?q=zzzqqq">Search again without filters</a>.</li>' in filtered
    assert '<details class="site-search__filters" open>' in filtered  # to take the filter off


def test_the_summary_counts_results_and_the_pages_link_to_each_other(client, booklet):
    one = _results_part(client, q="hypercalcaemia")
    assert '<p class="site-search__summary" role="status">1 result for “hypercalcaemia”.</p>' in one
    assert '<ol class="search-results" start="1">' in one and "pagination" not in one
    for number in range(12):
        add_section(booklet, f"Radiotherapy part {number}", body="<p>Radiotherapy uses high energy rays.</p>")
    first = _results_part(client, q="radiotherapy")
    assert '<p class="site-search__summary" role="status">12 results for “radiotherapy”, page 1 of 2.</p>' in first
    assert '<nav class="pagination" aria-label="Search result pages">' in first
    assert '<a href="?q=radiotherapy&amp;page=2">Next page</a>' in first and "Previous page" not in first
    second = _results_part(client, q="radiotherapy", page="2")
    assert (
        "12 results for “radiotherapy”, page 2 of 2." in second and '<ol class="search-results" start="11">' in second
    )
    assert '<a href="?q=radiotherapy&amp;page=1">Previous page</a>' in second and "Next page" not in second
    assert "<span>Page 2 of 2</span>" in second and second.count('<li class="search-result') == 2


def test_popular_searches_link_to_the_search_page_of_the_language_read(client, booklet):
    part = _results_part(client)
    assert '<li><a href="/search/?q=bowel%20cancer%20symptoms">bowel cancer symptoms</a></li><li>' in part
    welsh = _results_part(client, "/cy/search/")
    assert '<form class="search-form site-search" action="/cy/search/" method="get" role="search">' in welsh
    assert '<a href="/cy/search/?q=womb%20cancer">womb cancer</a>' in welsh
