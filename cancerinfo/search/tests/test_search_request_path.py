"""What a search costs per request: the same rankings whichever runtime embeds the query, and a bounded number of
database queries for a new query (no query is ever asked twice in the load benchmark, so nothing remembered helps)."""

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cancerinfo.search import embeddings, services

pytestmark = pytest.mark.django_db

QUERIES = [
    "womb cancer",
    "uterus",
    "bisphosphonates",
    "bone protection drugs",
    "raised calcium",
    "colorectal symptoms",
    "bleeding from the back passage",
    "treatment for endometrial cancer",
    "surgery",
    "zzzqqq",
]


@pytest.mark.skipif(embeddings.model_dir() is None, reason="the all-MiniLM-L6-v2 weights are not installed")
def test_rankings_are_the_same_whichever_runtime_embeds_the_query(booklet, question):
    pytest.importorskip("onnxruntime")
    index = services.get_index()
    rankings = {}
    for runtime in ("numpy", "onnxruntime"):
        index.encoder = embeddings.MiniLMEncoder(embeddings.model_dir(), runtime=runtime)
        assert index.encoder.runtime == runtime
        rankings[runtime] = {
            query: services.search(query, remember=False, log=False, per_page=50).ranked for query in QUERIES
        }
    for query in QUERIES:
        by_numpy, by_onnx = rankings["numpy"][query], rankings["onnxruntime"][query]
        assert [r.document.key for r in by_onnx] == [r.document.key for r in by_numpy], query
        assert np.allclose([r.score for r in by_onnx], [r.score for r in by_numpy], atol=1e-5), query
    assert any(rankings["numpy"][query] for query in QUERIES)  # the set finds something to compare


def test_a_new_query_costs_a_bounded_number_of_database_queries(client, booklet, question):
    client.get("/search/", {"q": "warm up"})  # builds the index; the first search of a process pays for that
    # At most the look at the change log; the index in PostgreSQL adds two round trips: the query's words' postings
    # (with any page named by the query), then the ranked documents with the first page's words.
    most = 3 if connection.vendor == "postgresql" else 1
    for number, query in enumerate(QUERIES):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/search/", {"q": f"{query} {number}"})
        assert response.status_code == 200
        assert "Search results for" in response.content.decode()
        statements = [q["sql"] for q in captured]
        # In PostgreSQL, "did you mean" asks pg_trgm about each word the index does not know: one look per word.
        suggestions = [sql for sql in statements if "similarity(" in sql]
        assert len(statements) - len(suggestions) <= most, (query, statements)
        assert len(suggestions) <= len(query.split()), (query, suggestions)


def test_the_cancer_type_filter_offers_every_type_escaped_and_marks_the_chosen_one():
    from cancerinfo.search.views import cancer_type_options

    names = {"womb-cancer": "Womb cancer", "bowel-cancer": "Bowel cancer", "odd": "Head & neck <cancer>"}
    html = cancer_type_options(names, "bowel-cancer")
    assert html.count("<option") == 3
    assert '<option value="bowel-cancer" selected>Bowel cancer</option>' in html
    assert '<option value="womb-cancer">Womb cancer</option>' in html
    assert "Head &amp; neck &lt;cancer&gt;" in html
    assert " selected" not in cancer_type_options(names, "")
    assert " selected" not in cancer_type_options(names, '"><script>')
    renamed = {"womb-cancer": "Cancer of the womb"}
    assert (
        cancer_type_options(renamed, "womb-cancer")
        == '<option value="womb-cancer" selected>Cancer of the womb</option>'
    )
