"""The search page finds published content and treats any input as plain words."""

import time

import pytest

from cancerinfo.booklets.tests.factories import add_section, make_booklet

pytestmark = pytest.mark.django_db


@pytest.fixture
def booklet(site_tree):
    booklet = make_booklet(site_tree["cancer-types"], "Understanding secondary cancer in the bone", sections=0)
    add_section(booklet, "Bisphosphonates", body="<p>Bisphosphonates protect the bones.</p>")
    add_section(booklet, "Secret draft", body="<p>Bisphosphonates draft text.</p>", live=False)
    return booklet


def test_search_finds_published_sections_but_not_drafts(client, booklet):
    html = client.get("/search/", {"q": "bisphosphonates"}).content.decode()
    assert "/cancer-types/understanding-secondary-cancer-in-the-bone/bisphosphonates/" in html
    assert "Secret draft" not in html


@pytest.mark.parametrize(
    "query",
    [
        "x" * 100_000,
        'bone "cancer',
        "bone AND OR NOT (",
        "'; DROP TABLE wagtailcore_page; --",
        "bone\x00cancer",
        "* ^ : - + ~",
        "<script>alert(1)</script>",
    ],
)
def test_hostile_queries_get_a_normal_page_quickly(client, booklet, query):
    started = time.perf_counter()
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert time.perf_counter() - started < 2
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_no_results_offers_help(client, booklet):
    html = client.get("/search/", {"q": "zzzqqq"}).content.decode()
    assert "We found nothing" in html
    assert "A–Z list" in html and 'href="tel:' in html
