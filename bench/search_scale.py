"""The site search's database index at scale: 100,000 documents on PostgreSQL (issue 18).

Sets up the demo site in BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ci_scale: migrate and
load_demo_content, once), adds generated documents up to BENCH_SEARCH_DOCUMENTS (100,000) and builds the database
index (SITE_SEARCH_BACKEND=database) from them, then prints each figure with its goal:

  rebuild          a full rebuild of the index of 100,000 documents, timed, with its progress lines
  search p50/p95   wall-clock time of services.search over 200+ varied queries (site and lay queries, page
                   titles, words and phrases of the generated documents), in a second process serving searches
  memory           per worker, as gunicorn runs the site (deploy/gunicorn.conf.py: the master loads the index and
                   forks 2 workers that share it): the answering worker's PSS after the queries, with its
                   private memory, RSS and peak RSS for reference
  publish          a page published in this process, then found by a search in that second process

Generated documents are booklet sections made of words from the real titles and bodies. Their sentence vectors are
not computed (100,000 embeddings would take half an hour): each is a real document's vector plus random noise,
normalised, so they sit near real content as written text would. The real documents are embedded as usual.

Exits 1 when a goal is missed; prints "skipped" and exits 0 when PostgreSQL cannot be reached. Takes 4-8 minutes.
Run it under the shared lock: flock /work/notes/bench.lock python bench/search_scale.py
"""

import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
DB_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ci_scale")
DOCUMENTS = int(os.environ.get("BENCH_SEARCH_DOCUMENTS", "100000"))
P95_GOAL_MS = 50.0
MEMORY_GOAL_MB = 300.0
PUBLISH_GOAL_S = 2.0
MIN_QUERIES = 200
ENV = {
    "DATABASE_URL": DB_URL,
    "DEBUG": "true",
    "DJANGO_SETTINGS_MODULE": "cancerinfo.settings.dev",
    "SITE_SEARCH_BACKEND": "database",
    "SEARCH_IN_MEMORY_DOCUMENTS": "0",  # read per search, as a site this size is (never held in memory)
}


def reachable() -> str:
    """'' when PostgreSQL answers (the database is created if missing), else why not."""
    import psycopg

    base, _, name = DB_URL.rpartition("/")
    try:
        psycopg.connect(f"{base}/postgres", connect_timeout=3).close()
    except psycopg.Error as error:
        return str(error).strip().splitlines()[0]
    try:
        psycopg.connect(DB_URL, connect_timeout=3).close()
    except psycopg.OperationalError:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    return ""


def manage(*args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], check=True, env={**os.environ, **ENV}, cwd=ROOT)


def memory_mb() -> dict:
    """This process's memory in MB: resident (RSS, shared pages counted in full) and its peak; its proportional share
    (PSS: each shared page divided among the processes that share it); and its private memory (USS)."""
    status = Path("/proc/self/status").read_text()
    found = {name: int(kb) for name, kb in re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M)}
    rollup = Path("/proc/self/smaps_rollup").read_text()
    found |= {name: int(kb) for name, kb in re.findall(r"^(Pss|Private_Clean|Private_Dirty):\s+(\d+) kB", rollup, re.M)}
    return {
        "rss": found.get("VmRSS", 0) / 1024,
        "peak": found.get("VmHWM", 0) / 1024,
        "pss": found.get("Pss", 0) / 1024,
        "uss": (found.get("Private_Clean", 0) + found.get("Private_Dirty", 0)) / 1024,
    }


# -- the second process: an app server serving searches ----------------------------------------------------------
# Laid out as deploy/gunicorn.conf.py runs the site, with the load benchmark's 2 workers: a master loads the index
# (when_ready), freezes it out of the garbage collector's sight and forks the workers, which share its pages
# copy-on-write; each worker starts its own ONNX Runtime session (post_worker_init). One worker answers the commands,
# the other waits. A worker's memory is then its PSS: what it holds alone plus its share of what the three share.
WORKERS = 2


def serve() -> None:
    """One JSON command per line on stdin, one JSON answer per line (started by main with --serve)."""
    import gc
    import signal

    import django

    django.setup()
    from django.db import connections

    from cancerinfo.search.services import get_index

    started = time.perf_counter()
    index = get_index()
    loaded_s = time.perf_counter() - started
    connections.close_all()  # as when_ready: no connection crosses the fork
    gc.freeze()
    print(json.dumps({"loaded_s": loaded_s, "documents": index.live_documents, "slots": index.size}), flush=True)
    waiting = []
    for _ in range(WORKERS - 1):
        pid = os.fork()
        if pid == 0:
            _start_worker()
            signal.pause()  # until the master ends it
            os._exit(0)
        waiting.append(pid)
    pid = os.fork()
    if pid == 0:
        try:
            answer_commands(_start_worker())
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    for other in waiting:
        os.kill(other, signal.SIGTERM)
        os.waitpid(other, 0)


def _start_worker():
    """What post_worker_init does: the current index (free: the master's), and this process's own model session."""
    from cancerinfo.search.embeddings import get_encoder
    from cancerinfo.search.services import get_index

    index = get_index()
    encoder = get_encoder()
    if encoder is not None:
        encoder.encode_query("cancer information")
    return index


def answer_commands(index) -> None:
    from django.db import connection

    from cancerinfo.search.services import search

    spent = Spent(index.encoder)
    for line in sys.stdin:
        command = json.loads(line)
        if command["do"] == "queries":
            times, parts = [], []
            with connection.execute_wrapper(spent.on_sql):
                for query in command["queries"]:
                    spent.reset()
                    begun, cpu = time.perf_counter(), time.process_time()
                    search(query, log=False, remember=False)
                    times.append((time.perf_counter() - begun) * 1000)
                    parts.append({**spent.parts(), "cpu": (time.process_time() - cpu) * 1000})
            print(json.dumps({"times": times, "parts": parts, "memory": memory_mb()}), flush=True)
        elif command["do"] == "find":
            # As a web process would: each search brings the index up to date with the change log.
            deadline = time.monotonic() + command["within"]
            while True:
                urls = [r.document.url for r in search(command["query"], log=False, remember=False).results]
                if command["url"] in urls or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            print(json.dumps({"found": command["url"] in urls}), flush=True)


class Spent:
    """Where one search's time went: encoding the query (the encoder's own cache hits cost nothing), the SQL
    statements (the slowest named), and the rest (Python: planning, scoring, fusion, snippets)."""

    def __init__(self, encoder):
        self.encoder_ms = self.sql_ms = 0.0
        self.statements: list[tuple[float, str]] = []
        if encoder is not None:
            encode = encoder.encode_query

            def timed(text):
                begun = time.perf_counter()
                try:
                    return encode(text)
                finally:
                    self.encoder_ms += (time.perf_counter() - begun) * 1000

            encoder.encode_query = timed  # this process's encoder only: the bench's own measurement

    def reset(self) -> None:
        self.encoder_ms = self.sql_ms = 0.0
        self.statements = []

    def on_sql(self, execute, sql, params, many, context):
        begun = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = (time.perf_counter() - begun) * 1000
            self.sql_ms += elapsed
            self.statements.append((elapsed, " ".join(sql.split())[:70]))

    def parts(self) -> dict:
        slowest = max(self.statements, default=(0.0, ""))
        return {
            "encoder": self.encoder_ms,
            "sql": self.sql_ms,
            "statements": len(self.statements),
            "slowest_sql": f"{slowest[0]:.1f} ms {slowest[1]}",
        }


def breakdown(times: list[float], parts: list[dict], queries: list[str]) -> None:
    """Encoder, SQL and Python time: over all queries, and for each query of the slowest 5 % (the p95 tail)."""
    from cancerinfo.search.evaluation import percentile

    python = [t - p["encoder"] - p["sql"] for t, p in zip(times, parts, strict=True)]
    for name, values in (
        ("  encoder (query embedding)", [p["encoder"] for p in parts]),
        ("  SQL", [p["sql"] for p in parts]),
        ("  Python (the rest)", python),
        ("  CPU time of the whole search", [p["cpu"] for p in parts]),
    ):
        print(
            f"{name:<34} p50 {percentile(values, 0.5):5.1f} ms, p95 {percentile(values, 0.95):5.1f} ms, "
            f"mean {sum(values) / len(values):5.1f} ms",
            flush=True,
        )
    tail = sorted(range(len(times)), key=lambda i: -times[i])[: max(5, len(times) // 20)]
    print("  the slowest 5 %: wall = encoder + SQL + Python ms (CPU ms), statements, slowest statement", flush=True)
    for i in tail:
        p = parts[i]
        print(
            f"    {times[i]:5.1f} = {p['encoder']:4.1f} + {p['sql']:4.1f} + {python[i]:4.1f} ({p['cpu']:4.1f})"
            f"  {p['statements']} stmts, {p['slowest_sql']}  {queries[i][:60]!r}",
            flush=True,
        )


class Server:
    def __init__(self):
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, **ENV},
            cwd=ROOT,
        )
        self.ready = self.read()

    def read(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit("the search process stopped")
        return json.loads(line)

    def ask(self, **command) -> dict:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return self.read()

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


# -- this process: the site, the generated documents, the rebuild and the publish -------------------------------
def generated_documents(real, vectors, count: int):
    import numpy as np

    from cancerinfo.search.registry import Document

    rng = random.Random(18)
    vocabulary = [w for d in real for w in re.findall(r"[A-Za-z]{4,}", f"{d.title} {d.body[:600]}")]
    documents = []
    for n in range(count):
        title = " ".join(rng.choices(vocabulary, k=rng.randint(3, 8))).capitalize()
        body = " ".join(rng.choices(vocabulary, k=rng.randint(40, 160)))
        documents.append(
            Document(
                key=f"generated:{n}",
                kind="section",
                title=title,
                url=f"/generated/{n}/",
                body=body,
                parent=f"Generated booklet {n // 20}",
            )
        )
    extra = None
    if vectors is not None and len(vectors):
        noise = np.random.default_rng(18)
        extra = vectors[noise.integers(0, len(vectors), count)] + 0.08 * noise.standard_normal(
            (count, vectors.shape[1]), dtype=np.float32
        )
        extra /= np.linalg.norm(extra, axis=1, keepdims=True)
    return documents, extra, vocabulary


def read_jsonl(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [json.loads(line)["query"] for line in path.read_text().splitlines() if line.strip()]


def varied_queries(real, generated, vocabulary) -> list[str]:
    rng = random.Random(7)
    queries = read_jsonl(DATA / "search-eval" / "site-queries.dev.jsonl")
    queries += read_jsonl(ROOT / "bench" / "data" / "site-queries.heldout.jsonl")
    queries += read_jsonl(DATA / "search-eval" / "lay-queries.dev.jsonl")
    queries += [d.title for d in rng.sample(real, min(60, len(real)))]
    queries += [" ".join(d.title.split()[:3]) for d in rng.sample(generated, 40)]
    queries += [" ".join(rng.choices(vocabulary, k=rng.randint(1, 3))) for _ in range(60)]
    queries += ["cancer", "treatment", "side effects", "chemotherapy", "pain", "tired", "support"]
    return list(dict.fromkeys(q.lower() for q in queries if q.strip()))


def main() -> int:
    why = reachable()
    if why:
        print(f"skipped: PostgreSQL is not reachable at {DB_URL} ({why}); set BENCH_DATABASE_URL")
        return 0
    os.environ.update(ENV)
    manage("migrate", "--no-input", "-v", "0")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import logging

    logging.getLogger("cancerinfo.search").setLevel(logging.WARNING)
    from wagtail.models import Page

    from cancerinfo.booklets.models import BookletPage, BookletSectionPage
    from cancerinfo.search import dbindex, services
    from cancerinfo.search.embeddings import get_encoder
    from cancerinfo.search.evaluation import percentile  # the same figures as search_eval's
    from cancerinfo.search.registry import all_documents

    if not BookletPage.objects.live().exists():
        manage("load_demo_content")
    failed = []

    def show(name: str, value: str, goal: str, met: bool | None) -> None:
        verdict = "" if met is None else ("  ok" if met else "  MISSED")
        print(f"{name:<34} {value:<22} goal: {goal}{verdict}", flush=True)
        if met is False:
            failed.append(name)

    print(f"load average before: {os.getloadavg()[0]:.2f}", flush=True)
    real = all_documents()
    vectors = services.document_vectors(real, get_encoder())
    generated, extra, vocabulary = generated_documents(real, vectors, max(0, DOCUMENTS - len(real)))
    documents = real + generated
    import numpy as np

    all_vectors = np.vstack([vectors, extra]) if vectors is not None else None
    del extra
    print(f"{len(real):,} documents of the demo site + {len(generated):,} generated", flush=True)

    started = time.perf_counter()
    lines = []

    def progress(message: str) -> None:
        lines.append(message)
        print(f"  [{time.perf_counter() - started:6.1f} s] {message}", flush=True)

    count = dbindex.rebuild(documents, progress=progress, vectors=all_vectors, announce=True)
    rebuild_s = time.perf_counter() - started
    show("rebuild", f"{count:,} docs, {rebuild_s:.0f} s", "reports progress", len(lines) >= 3)
    del documents, all_vectors

    queries = varied_queries(real, generated, vocabulary)
    server = Server()
    try:
        ready = server.ready
        loaded = f"{ready['documents']:,} docs, {ready['loaded_s']:.1f} s"
        show("load the index (second process)", loaded, "(for reference)", None)
        server.ask(do="queries", queries=queries[:20])  # warm up: the model's first call, the connection
        answer = server.ask(do="queries", queries=queries)
        times = answer["times"]
        show("queries", f"{len(times)}", f">= {MIN_QUERIES}", len(times) >= MIN_QUERIES)
        show("search p50", f"{percentile(times, 0.5):.1f} ms", "(for reference)", None)
        show(
            "search p95",
            f"{percentile(times, 0.95):.1f} ms",
            f"<= {P95_GOAL_MS:.0f} ms",
            percentile(times, 0.95) <= P95_GOAL_MS,
        )
        memory = answer["memory"]
        show(
            "memory per worker (PSS)",
            f"{memory['pss']:.0f} MB",
            f"<= {MEMORY_GOAL_MB:.0f} MB",
            memory["pss"] <= MEMORY_GOAL_MB,
        )
        print(f"  (a master and {WORKERS} workers share the index, as deploy/gunicorn.conf.py runs them)", flush=True)
        show("  its private memory (USS)", f"{memory['uss']:.0f} MB", "(for reference)", None)
        show("  its RSS, shared pages in full", f"{memory['rss']:.0f} MB", "(for reference)", None)
        show("  its peak RSS", f"{memory['peak']:.0f} MB", "(for reference)", None)
        show(
            "  CPU time p95", f"{percentile([p['cpu'] for p in answer['parts']], 0.95):.1f} ms", "(for reference)", None
        )
        breakdown(times, answer["parts"], queries)
        if os.environ.get("BENCH_SEARCH_QUERIES_OUT"):  # for profiling the same queries afterwards
            Path(os.environ["BENCH_SEARCH_QUERIES_OUT"]).write_text(json.dumps(queries))

        booklet = BookletPage.objects.live().first()
        stamp = int(time.time())
        title = f"Scale benchmark quinoxaline {stamp}"
        section = BookletSectionPage(
            title=title, slug=f"scale-benchmark-{stamp}", body=[("paragraph", f"<p>{title}.</p>")]
        )
        booklet.add_child(instance=section)
        section.save_revision().publish()
        published = time.perf_counter()
        found = server.ask(do="find", query=f"quinoxaline {stamp}", url=section.url, within=10)["found"]
        elapsed = time.perf_counter() - published
        show(
            "published page found elsewhere",
            f"{elapsed:.2f} s" if found else "not found in 10 s",
            f"<= {PUBLISH_GOAL_S:.0f} s",
            found and elapsed <= PUBLISH_GOAL_S,
        )
        Page.objects.get(pk=section.pk).delete()
    finally:
        server.close()
    print(f"load average after: {os.getloadavg()[0]:.2f}", flush=True)
    if failed:
        print(f"goals missed: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        sys.path.insert(0, str(ROOT))
        serve()
    else:
        sys.exit(main())
