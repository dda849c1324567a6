"""The measured goals: on the lay query dev set, MRR@10 >= 0.80 and recall@10 >= 0.95, p95 CPU time <= 50 ms."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from cancerinfo.search.evaluation import evaluate, percentile

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
    out, err = StringIO(), StringIO()
    call_command("search_eval", str(DEV_SET), verbose_queries=True, stdout=out, stderr=err)
    figures = json.loads(out.getvalue().strip().splitlines()[-1])
    assert set(figures) == {"queries", "mrr@10", "recall@10", "p50_ms", "p95_ms"}
    assert figures["queries"] == 30
    assert figures["mrr@10"] >= 0.80, figures
    assert figures["recall@10"] >= 0.95, figures
    # The speed goal is held on CPU time per query, always, from this same run: wall-clock time on a machine
    # shared with other busy processes measures the neighbours. The wall-clock p95 is shown, not judged.
    cpu_p95 = float(re.search(r"p95 CPU time per query: ([0-9.]+) ms", err.getvalue()).group(1))
    assert cpu_p95 <= GOAL_P95_MS, f"p95 CPU time per query {cpu_p95} ms (wall clock {figures['p95_ms']} ms)"
