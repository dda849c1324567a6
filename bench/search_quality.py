"""Site search quality and speed, side by side with a plain BM25 baseline.

Sets up a site the way the README's default install does (SQLite, demo content) in a database of its own
(BENCH_SEARCH_DATABASE_URL, default /tmp/cancerinfo-bench-search.sqlite3, built once and reused), imports the MedQuAD
questions, then prints one JSON line per configuration:

  bm25-baseline       rank_bm25 (BM25Okapi) over question + answer text, words lower-cased: the reference
  site (fusion)       what the site ships: BM25F + thesaurus + spellings, fused with all-MiniLM-L6-v2 (NumPy)
  site (words only)   the same with SEARCH_SEMANTIC=false (no embedding model installed)
  site (meaning only) the embedding similarity alone, for reference
  site (10,000 docs)  latency of the shipped configuration with generated documents added up to 10,000

Usage: python bench/search_quality.py [QUERIES.jsonl]   (default ../shared/data/search-eval/lay-queries.dev.jsonl)
"""

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
DEFAULT_QUERIES = DATA / "search-eval" / "lay-queries.dev.jsonl"
QUESTIONS = DATA / "medquad-cancergov" / "1_CancerGov_QA"
DB_URL = os.environ.get("BENCH_SEARCH_DATABASE_URL", "sqlite:////tmp/cancerinfo-bench-search.sqlite3")


def manage(*args: str) -> None:
    env = {**os.environ, "DATABASE_URL": DB_URL, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "cancerinfo.settings.dev"}
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], check=True, env=env, cwd=ROOT)


def setup_site() -> None:
    marker = Path(DB_URL.removeprefix("sqlite:///") + ".ready") if DB_URL.startswith("sqlite:") else None
    if marker and marker.exists():
        manage("migrate", "--no-input", "-v", "0")
        return
    manage("migrate", "--no-input", "-v", "0")
    manage("load_demo_content")
    manage("import_questions", str(QUESTIONS), "--no-progress")
    if marker:
        marker.write_text("ready\n")


def bm25_baseline(queries, evaluate):
    from rank_bm25 import BM25Okapi

    from cancerinfo.questions.importer import parse_file, xml_files

    tokens = re.compile(r"\w+")
    qids, corpus = [], []
    for path in xml_files(QUESTIONS):
        for item in parse_file(path):
            qids.append(item.qid)
            corpus.append(tokens.findall(f"{item.question} {item.answer}".lower()))
    bm25 = BM25Okapi(corpus)

    def rank(query: str) -> list[str]:
        scores = bm25.get_scores(tokens.findall(query.lower()))
        order = sorted(range(len(scores)), key=lambda i: -scores[i])[:10]
        return [qids[i] for i in order]

    return evaluate(queries, rank)


def main() -> None:
    queries_path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_QUERIES
    if not queries_path.exists() or not QUESTIONS.is_dir():
        print(f"skipped: {queries_path} or {QUESTIONS} is absent (see ../shared/data/README.md)")
        return
    setup_site()
    os.environ.update(DATABASE_URL=DB_URL, DEBUG="true", DJANGO_SETTINGS_MODULE="cancerinfo.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import logging

    logging.getLogger("cancerinfo.search").setLevel(logging.WARNING)

    from cancerinfo.search import engine, services
    from cancerinfo.search.evaluation import evaluate, read_queries, site_ranker

    queries = read_queries(queries_path)
    index_encoder = None

    def show(config: str, figures: dict, **extra) -> None:
        figures.pop("_per_query", None)
        cpu = figures.pop("_cpu_p95_ms", None)
        print(json.dumps({"config": config, **figures, "cpu_p95_ms": cpu, **extra}), flush=True)
        if index_encoder is not None:
            type(index_encoder).encode_query.cache_clear()  # each configuration embeds its queries afresh

    show("bm25-baseline (rank_bm25 over question + answer)", bm25_baseline(queries, evaluate))

    index = services.get_index()
    index_encoder = index.encoder
    if index_encoder is not None:
        type(index_encoder).encode_query.cache_clear()
    semantic = index.encoder is not None
    show("site: fusion of words and meaning (shipped default)", evaluate(queries, site_ranker), documents=index.size)

    encoder, vectors = index.encoder, index.vectors
    index.encoder = None
    show("site: words only (SEARCH_SEMANTIC=false)", evaluate(queries, site_ranker))
    index.encoder = encoder
    if semantic:
        share = engine.LEXICAL_SHARE
        engine.LEXICAL_SHARE = 0.0
        show("site: meaning only (all-MiniLM-L6-v2, for reference)", evaluate(queries, site_ranker))
        engine.LEXICAL_SHARE = share

    # 10,000 documents: generated ones (words from real titles and bodies) added to the real ones.
    import numpy as np

    from cancerinfo.search.registry import Document

    rng = random.Random(11)
    vocabulary = [w for d in index.documents for w in re.findall(r"[A-Za-z]{4,}", d.title + " " + d.body[:400])]
    generated = []
    for n in range(max(0, 10_000 - index.size)):
        title = " ".join(rng.choices(vocabulary, k=rng.randint(3, 9))).capitalize()
        body = " ".join(rng.choices(vocabulary, k=rng.randint(60, 400)))
        generated.append(Document(key=f"generated:{n}", kind="section", title=title, url=f"/g/{n}/", body=body))
    documents = index.documents + generated
    extra_vectors = None
    if vectors is not None:
        noise = np.random.default_rng(11).standard_normal((len(generated), vectors.shape[1])).astype(np.float32)
        noise /= np.linalg.norm(noise, axis=1, keepdims=True)
        extra_vectors = np.vstack([vectors, noise])
    big = engine.SearchIndex(documents, index.analyzer, index.thesaurus, extra_vectors, encoder)
    big.promotions = index.promotions
    services.install(big)
    show("site: fusion, 10,000 documents (latency)", evaluate(queries, site_ranker), documents=big.size)


if __name__ == "__main__":
    main()
