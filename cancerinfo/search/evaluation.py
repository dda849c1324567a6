"""Measuring ranking: MRR@10, recall@10, success@3, zero results and latency over a file of
{"query", "relevant": [...]} lines. Relevant items are MedQuAD qids ("0000001_1-1") or, for site queries, the URL
paths of the site's pages ("/contact-us/ask-a-nurse/")."""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlsplit

K = 10


def read_queries(path: Path) -> list[dict]:
    queries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            query, relevant = str(item["query"]), [str(q) for q in item["relevant"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: expected {{'query': …, 'relevant': [qid or /path/…]}} ({exc})") from exc
        if not relevant:
            raise ValueError(f"{path}:{number}: 'relevant' is empty")
        queries.append({"query": query, "relevant": relevant})
    return queries


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def is_site_query_set(queries: list[dict]) -> bool:
    """Site queries name pages by their address; MedQuAD queries name answers by qid."""
    return bool(queries) and all(r.startswith("/") for item in queries for r in item["relevant"])


def evaluate(queries: Iterable[dict], ranker: Callable[[str], list[str]], warmup: int = 1) -> dict:
    """ranker(query) -> ids (qids or URL paths) in rank order, at most ten. Reciprocal rank of the first relevant
    in the top 10; recall@10 is the share of relevant ids found in the top 10; success@3 the share of queries with
    a relevant id in the top three; zero_results the number of queries that found nothing."""
    queries = list(queries)
    for item in queries[:warmup]:
        ranker(item["query"])
    reciprocal, recall, latency, cpu, per_query = [], [], [], [], []
    zero_results = 0
    for item in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        ranking = ranker(item["query"])[:K]
        zero_results += not ranking
        latency.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        relevant = set(item["relevant"])
        rank = next((i + 1 for i, qid in enumerate(ranking) if qid in relevant), None)
        reciprocal.append(1 / rank if rank else 0.0)
        recall.append(len(relevant & set(ranking)) / len(relevant) if relevant else 0.0)
        per_query.append({"query": item["query"], "rank": rank, "top": ranking[:3]})
    return {
        "queries": len(queries),
        "mrr@10": round(statistics.fmean(reciprocal), 4) if queries else 0.0,
        "recall@10": round(statistics.fmean(recall), 4) if queries else 0.0,
        "success@3": round(sum(1 for r in reciprocal if r >= 1 / 3) / len(queries), 4) if queries else 0.0,
        "zero_results": zero_results,
        "p50_ms": round(percentile(latency, 0.5), 2),
        "p95_ms": round(percentile(latency, 0.95), 2),
        "_per_query": per_query,
        # CPU time per query: what the wall-clock figures would be on a machine nobody else is using.
        "_cpu_p95_ms": round(percentile(cpu, 0.95), 2),
    }


def site_ranker(query: str) -> list[str]:
    """The source qid of each of the site search's first ten results ('' for results that are not imported
    questions: a booklet section in the top ten takes a place like any other result)."""
    from .services import search

    outcome = search(query, log=False, per_page=K, remember=False)  # the full cost of every query
    return [r.document.source_qid for r in outcome.results[:K]]


def page_path(url: str) -> str:
    """The path of a result's address: "https://example.org/support/#macmillan" -> "/support/"."""
    return urlsplit(url).path or "/"


def site_page_ranker(query: str) -> list[str]:
    """The URL path of each of the site search's first ten results, promoted pages included."""
    from .services import search

    outcome = search(query, log=False, per_page=K, remember=False)
    return [page_path(r.document.url) for r in outcome.results[:K]]
