"""The search page is kept rendered once (delivery/rendering.py): its title and everything that reads the query
string are holes (search/views.py), so a new query renders only the results, never the header, menu or footer."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cancerinfo.delivery.models import StoredRendering

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_stored_renderings_on")]


@pytest.fixture
def _stored_renderings_on():
    with override_settings(STORED_RENDERING=True, STORED_RENDERING_SECONDS=3600):
        yield


def get(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


def test_each_query_gets_its_own_results_and_title_from_the_one_kept_page(client, booklet, question):
    first = get(client, q="bisphosphonates")
    assert first.get("X-Rendering") is None  # rendered in full, and kept
    kept = StoredRendering.objects.get(path="/search/")
    assert kept.answers_any_query
    assert "bisphosphonates" not in kept.html.lower()  # no reader's query is kept
    assert "Talk to a nurse" in kept.html  # the rest of the page is

    again = get(client, q="bisphosphonates")
    assert again["X-Rendering"] == "stored"
    assert again.content == first.content

    other = get(client, q="colorectal symptoms")
    assert other["X-Rendering"] == "stored"
    html = other.content.decode()
    assert "<title>Search results for “colorectal symptoms” |" in html
    assert 'value="colorectal symptoms"' in html
    assert "What are the symptoms of colorectal cancer?" in html
    assert "Bisphosphonates" not in html


def test_a_query_is_escaped_in_the_title_and_the_form(client, booklet):
    get(client, q="warm up")
    html = get(client, q='<script>alert("x")</script>').content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(" in html


def test_the_page_without_a_query_and_a_filtered_search_are_answered_from_the_kept_page(client, booklet, question):
    get(client, q="warm up")
    plain = get(client)
    assert plain["X-Rendering"] == "stored"
    assert "Popular searches" in plain.content.decode() and "<title>Search |" in plain.content.decode()
    filtered = get(client, q="colorectal", type="question")
    assert filtered["X-Rendering"] == "stored"
    assert 'id="type-question" name="type" value="question" checked' in filtered.content.decode()


def test_a_search_from_the_kept_page_costs_no_page_rendering_queries(client, booklet, question):
    get(client, q="warm up")  # builds the index and keeps the page
    most = 4 if connection.vendor == "postgresql" else 2  # the kept copy, then the search's own (see request path)
    for number, query in enumerate(["bone pain", "colorectal bleeding", "zoledronic acid"]):
        with CaptureQueriesContext(connection) as captured:
            response = get(client, q=f"{query} {number}")
        assert response["X-Rendering"] == "stored"
        assert "Search results for" in response.content.decode()
        statements = [q["sql"] for q in captured if "similarity(" not in q["sql"]]
        assert len(statements) <= most, statements


def test_a_published_page_is_found_by_the_next_search_from_the_kept_page(client, booklet, site_tree):
    from cancerinfo.core.models import IndexPage

    get(client, q="warm up")
    assert "Wig bank" not in get(client, q="wig bank").content.decode()
    page = site_tree["home"].add_child(instance=IndexPage(title="Wig bank", slug="wig-bank", live=False))
    page.save_revision().publish()
    response = get(client, q="wig bank")
    assert '<a href="/wig-bank/">Wig bank</a>' in response.content.decode()


def test_a_result_is_written_with_its_label_parent_snippet_and_review_date_escaped():
    import datetime

    from cancerinfo.search.registry import Document
    from cancerinfo.search.services import Result
    from cancerinfo.search.views import result_html

    document = Document(
        key="section:1",
        kind="section",
        title="Pain & <tiredness>",
        url="/booklets/bone/pain/",
        body="",
        parent="Understanding secondary bone cancer",
        parent_url="/booklets/bone/",
        review_date=datetime.date(2026, 3, 4),
    )
    html = result_html(Result(document, 1.0, snippet="Bone <mark>pain</mark> &amp; aches"))
    assert '<p class="search-result__label">Booklet sections</p>' in html
    assert '<a href="/booklets/bone/pain/">Pain &amp; &lt;tiredness&gt;</a>' in html
    assert 'In <a href="/booklets/bone/">Understanding secondary bone cancer</a>' in html
    assert '<p class="search-result__snippet">Bone <mark>pain</mark> &amp; aches</p>' in html
    assert 'Reviewed <time datetime="2026-03-04">4 March 2026</time>' in html

    promoted = result_html(
        Result(Document(key="p", kind="page", title="Donate", url="/support-us/", body=""), 1.0, promoted=True)
    )
    assert 'class="search-result search-result--promoted"' in promoted and ">Recommended<" in promoted
    assert "search-result__parent" not in promoted and "search-result__date" not in promoted
