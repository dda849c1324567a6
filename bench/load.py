"""Load benchmark: pages rendered from the database, against a bare `wagtail start` site served the same way.

Both sites run under gunicorn with 2 sync workers (deploy/gunicorn.conf.py) on 127.0.0.1 in the same run, and wrk
measures each for a bounded time. CancerInfo runs with its page cache off (PAGE_CACHE_SECONDS=0): no request is
answered from Django's cache. Pages are served as production serves them: the first reader of a page renders it and
leaves it rendered in the database (delivery/rendering.py, STORED_RENDERING), and later readers get that copy with one
query and its per-request parts (helpline status, an editor's links) rendered fresh. Measured:
  yardstick  the home page of a bare `wagtail start` project on the same database engine as CancerInfo: its own
             SQLite file, or (with BENCH_DATABASE_URL) its own PostgreSQL database on the same server, with the same
             persistent connections (DATABASE_CONN_MAX_AGE) as CancerInfo's production settings
  yardstick_sqlite  (PostgreSQL runs only, printed for reference, no goal) the bare site on its SQLite file
  section    a booklet section (Bisphosphonates): the copy kept in the database, no page-cache hit
  full       the same section rendered in full for every request, on a second server with STORED_RENDERING=false
             (printed for comparison; no goal)
  home       the home page (kept in the database, as section)
  question   a CancerQs question page (kept in the database, as section)
  trials     the trial finder with a postcode: its kept page, with the form and the results for this query
             rendered into it for every request (holes; trials/holes.py), ranked from the per-process table
  search     the search page with 6,000 different two-word queries (a wrk Lua script; each wrk thread starts at
             its own share of the list, so no query is asked twice until a thread has made 3,000 requests, and
             the search service's memory of recent queries does not answer them). Every query is ranked and its
             vector worked out; a shown document's words for its snippet are kept by the in-memory index after
             it is first shown (TextWords: the demo has about 400 documents, so most are kept within seconds).
             On PostgreSQL the index is the database's, held in memory (SEARCH_IN_MEMORY_DOCUMENTS).
  editor     the section for a signed-in editor (a session cookie: no shared cache may serve it; the kept copy with
             the editor's own links)
  api_list   the content API's list of 20 booklet sections, built for every request (API_CACHE_SECONDS=0: no
             answer is kept in the cache)
  api_304    the same list revalidated with its ETag (If-None-Match): a 304 from the version tokens, no query
The yardstick is measured in short slices, before the first page and after each one; each page's ratio is to the
mean of the slices just before and just after it ("beside"), so drift in the machine's speed within a run does not
move the ratios. The run exits non-zero when a goal is missed.
Goals: section, home, question, trials >= 1.0x the yardstick with p99 <= 100 ms; search >= 1.0x; editor >= 0.7x;
api_list >= 1.0x; api_304 >= 3.0x.

Needs wrk (apt-get install wrk). Usage: python bench/load.py [--seconds 10] [--connections 16] [--only section,home]
SQLite and the in-process cache by default; BENCH_DATABASE_URL=postgres://.../an_empty_database and
REDIS_URL=redis://127.0.0.1:6379/5 run the same measurements on PostgreSQL and Redis. The yardstick then runs on
PostgreSQL too (a database named after BENCH_DATABASE_URL's with "_yardstick" added, made afresh), so every ratio
compares two sites served the same way; the bare site on SQLite is printed beside it.
"""

import argparse
import json
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from _servers import refuse_busy_ports, start, stop, wait_for
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
# The API's limits per client are for strangers on the internet; wrk is one client asking as fast as it can. The
# limit is still counted on every request (its cost is in the figures), it is only never reached.
API_LIMITS_HIGH = {"API_ANONYMOUS_RATE": "1000000000/minute"}
PYTHON = sys.executable
APP_PORT = int(os.environ.get("BENCH_APP_PORT", "8501"))
FULL_RENDER_PORT = int(os.environ.get("BENCH_FULL_RENDER_PORT", "8503"))
YARDSTICK_PORT = int(os.environ.get("BENCH_YARDSTICK_PORT", "8502"))
YARDSTICK_SQLITE_PORT = int(os.environ.get("BENCH_YARDSTICK_SQLITE_PORT", "8504"))
SEARCH_QUERIES = 6000
WRK_THREADS = 2

# (label, goal as a ratio to the yardstick, p99 goal in ms or None)
GOALS = {
    "section": (1.0, 100.0),
    "home": (1.0, 100.0),
    "question": (1.0, 100.0),
    "trials": (1.0, 100.0),
    "search": (1.0, None),
    "editor": (0.7, None),
    "api_list": (1.0, None),
    "api_304": (3.0, None),
}
API_LIST = "/api/v1/sections/?page_size=20"

PREPARE = r"""
import json
from django.contrib.auth import get_user_model, SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from cancerinfo.booklets.models import BookletSectionPage
from cancerinfo.questions.models import QuestionPage
from cancerinfo.trials.models import TrialFinderPage
section = BookletSectionPage.objects.live().get(slug="bisphosphonates")
question = QuestionPage.objects.live().order_by("path").first()
finder = TrialFinderPage.objects.live().first()
user, _ = get_user_model().objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
user.set_password("bench-editor-password-1234")
user.save()
editors = Group.objects.filter(name__in=["Editors", "Content editors"]).first()
if editors:
    user.groups.add(editors)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
words = sorted({w.lower() for p in BookletSectionPage.objects.live() for w in p.title.split() if len(w) > 3})
words += sorted({w.lower() for p in QuestionPage.objects.live() for w in p.title.split() if len(w) > 3})
print("BENCH " + json.dumps({
    "section": section.url, "question": question.url, "finder": finder.url,
    "session": session.session_key, "words": sorted(set(w.strip("?,.:;()") for w in words)),
}))
"""

# setup() runs once per wrk thread in the main Lua state: each thread gets its number, and starts its walk through the
# list at its own share of it (threads walking from the same start would ask each path twice almost at once).
ROTATING_LUA = """
local started = 0
setup = function(thread)
  thread:set("share", started)
  started = started + 1
end
local paths = {}
for line in io.lines("%(path)s") do paths[#paths + 1] = line end
local n = nil
request = function()
  if n == nil then n = (share or 0) * math.floor(#paths / %(threads)d) end
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
"""


def to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def run_wrk(url: str, seconds: int, connections: int, script: Path | None = None, header: str | None = None) -> dict:
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    if header:
        command += ["-H", header]
    result = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 60, check=True)
    out = result.stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": to_ms(latency["50"]),
        "p99_ms": to_ms(latency["99"]),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def gunicorn(app: str, port: int, env: dict, cwd: Path, ours: bool = True) -> subprocess.Popen:
    """2 sync workers; CancerInfo with deploy/gunicorn.conf.py, the bare site with the same worker settings (the
    file's start-up hooks are CancerInfo's own)."""
    config = ["-c", str(ROOT / "deploy" / "gunicorn.conf.py")] if ours else ["--preload", "--keep-alive", "5"]
    return start(
        [PYTHON, "-m", "gunicorn", *config, "--workers", "2", "--worker-class", "sync",
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null", app],
        env=env,
        cwd=cwd,
    )  # fmt: skip


def fresh_postgres_database(url: str) -> str:
    """`url` with "_yardstick" added to its database name, that database dropped and made again (empty)."""
    import psycopg  # only PostgreSQL runs need it

    server, name = url.rsplit("/", 1)
    name = name.split("?", 1)[0] + "_yardstick"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


def make_yardstick(tmp: Path, name: str = "yardstick", database_url: str = "") -> tuple[Path, dict]:
    """A bare `wagtail start` project with the installed Wagtail, migrated, its static files collected. On its own
    SQLite file, or on `database_url` with persistent connections as CancerInfo's production settings have them."""
    wagtail = Path(PYTHON).with_name("wagtail")
    folder = tmp / name
    folder.mkdir()
    subprocess.run([str(wagtail), "start", "yardstick", str(folder)], check=True, stdout=subprocess.DEVNULL)
    local = f'SECRET_KEY = "yardstick-{"y" * 40}"\nALLOWED_HOSTS = ["127.0.0.1", "localhost"]\n'
    if database_url:
        local += (
            "import dj_database_url\n"
            f"DATABASES = {{'default': dj_database_url.parse({database_url!r}, conn_max_age=60)}}\n"
        )
    (folder / "yardstick" / "settings" / "local.py").write_text(local)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(DJANGO_SETTINGS_MODULE="yardstick.settings.production", PYTHONPATH=str(folder))
    for command in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *command], env=env, cwd=folder, check=True, stdout=subprocess.DEVNULL)
    return folder, env


def demo_site(tmp: Path, **settings: str) -> tuple[dict, list[str]]:
    """The environment of a production-like CancerInfo with the demo content in `tmp`, and its manage.py."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cancerinfo.settings.production",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/db.sqlite3"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "ENQUIRY_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        # A benchmark on a development machine takes no donations; production refuses the sandbox otherwise.
        "SILENCED_SYSTEM_CHECKS": "donations.E003",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "PUBLICATIONS_PDF_ON_PUBLISH": "false",
        "LOG_LEVEL": "WARNING",
        **settings,
    }
    manage = [PYTHON, str(ROOT / "manage.py")]
    for command in (["migrate", "--no-input", "-v0"], ["load_demo_content"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return env, manage


def rotating_script(tmp: Path, name: str, paths: list[str]) -> Path:
    """A wrk Lua script that asks for each of the paths in turn."""
    (tmp / f"{name}.txt").write_text("".join(f"{path}\n" for path in paths))
    script = tmp / f"{name}.lua"
    script.write_text(ROTATING_LUA % {"path": tmp / f"{name}.txt", "threads": WRK_THREADS})
    return script


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", default="", help="comma-separated labels to measure (the yardstick always runs)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("load: skipped, wrk is not installed (apt-get install wrk)")
        return 0

    refuse_busy_ports(APP_PORT, FULL_RENDER_PORT, YARDSTICK_PORT, YARDSTICK_SQLITE_PORT)
    tmp = Path(tempfile.mkdtemp(prefix="cancerinfo-load-"))
    print("Setting up a demo database and a bare Wagtail site ...", flush=True)
    # Every request rendered: this benchmark is about the path without the page cache.
    env, manage = demo_site(tmp, PAGE_CACHE_SECONDS="0", API_CACHE_SECONDS="0", **API_LIMITS_HIGH)
    prepared = subprocess.run(
        manage + ["shell", "-c", PREPARE], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    site = json.loads(prepared.split("BENCH ", 1)[1])
    on_postgres = "postgres" in env["DATABASE_URL"]
    yardstick_database = fresh_postgres_database(env["DATABASE_URL"]) if on_postgres else ""
    yardstick_dir, yardstick_env = make_yardstick(tmp, database_url=yardstick_database)
    if on_postgres:
        yardstick_sqlite_dir, yardstick_sqlite_env = make_yardstick(tmp, name="yardstick_sqlite")

    rng = random.Random(17)
    words = site["words"]
    queries = sorted({f"{rng.choice(words)}+{rng.choice(words)}" for _ in range(SEARCH_QUERIES * 3)})
    rng.shuffle(queries)
    queries = queries[:SEARCH_QUERIES]
    search_script = rotating_script(tmp, "search", [f"/search/?q={q}" for q in queries])

    app = f"http://127.0.0.1:{APP_PORT}"
    full = f"http://127.0.0.1:{FULL_RENDER_PORT}"
    yardstick = f"http://127.0.0.1:{YARDSTICK_PORT}/"
    cookie = f"sessionid={site['session']}"
    runs = {
        "section": (app + site["section"], None, None),
        "full": (full + site["section"], None, None),
        "home": (app + "/", None, None),
        "question": (app + site["question"], None, None),
        "trials": (app + site["finder"] + "?postcode=M1+1AE", None, None),
        "search": (app + "/search/", search_script, None),
        "editor": (app + site["section"], None, f"Cookie: {cookie}"),
        "api_list": (app + API_LIST, None, None),
        "api_304": (app + API_LIST, None, None),  # its If-None-Match is read from the first answer, below
    }
    only = {label for label in args.only.split(",") if label}
    if only:
        runs = {label: run for label, run in runs.items() if label in only}

    servers = [gunicorn("cancerinfo.wsgi:application", APP_PORT, env, ROOT)]
    if "full" in runs:
        full_env = {**env, "STORED_RENDERING": "false"}
        servers.append(gunicorn("cancerinfo.wsgi:application", FULL_RENDER_PORT, full_env, ROOT))
    servers.append(gunicorn("yardstick.wsgi:application", YARDSTICK_PORT, yardstick_env, yardstick_dir, ours=False))
    yardstick_sqlite = f"http://127.0.0.1:{YARDSTICK_SQLITE_PORT}/"
    if on_postgres:
        servers.append(
            gunicorn(
                "yardstick.wsgi:application",
                YARDSTICK_SQLITE_PORT,
                yardstick_sqlite_env,
                yardstick_sqlite_dir,
                ours=False,
            )
        )
    failures = []
    try:
        wait_for(yardstick)
        for label, (url, _script, header) in runs.items():
            headers = dict([header.split(": ", 1)]) if header else None
            wait_for(url if label != "search" else f"{url}?q={queries[0]}", headers=headers)
        if "api_304" in runs:
            with urllib.request.urlopen(app + API_LIST, timeout=10) as response:  # noqa: S310 - loopback only
                etag = response.headers["ETag"]
            runs["api_304"] = (app + API_LIST, None, f"If-None-Match: {etag}")
        # The yardstick runs in a short slice before the first page and after each page: each page is compared with
        # the bare site measured just before and just after it, so a machine whose speed drifts within a run (seen
        # here: the bare page at 116 req/s in one run and 190 in the next) moves both sides of each ratio together.
        slice_seconds = max(2, args.seconds // 2)
        slices = [run_wrk(yardstick, slice_seconds, args.connections)]
        figures = {}
        if on_postgres:
            wait_for(yardstick_sqlite)
            figures["yardstick_sqlite"] = run_wrk(yardstick_sqlite, args.seconds, args.connections)
            slices.append(run_wrk(yardstick, slice_seconds, args.connections))
            figures["yardstick_sqlite"]["beside"] = (slices[-2]["rps"] + slices[-1]["rps"]) / 2
        for label, (url, script, header) in runs.items():
            figures[label] = run_wrk(url, args.seconds, args.connections, script, header)
            slices.append(run_wrk(yardstick, slice_seconds, args.connections))
            figures[label]["beside"] = (slices[-2]["rps"] + slices[-1]["rps"]) / 2
        rates = [one["rps"] for one in slices]
        figures = {
            "yardstick": {
                "rps": sum(rates) / len(rates),
                "p50_ms": max(one["p50_ms"] for one in slices),
                "p99_ms": max(one["p99_ms"] for one in slices),
                "non_2xx": sum(one["non_2xx"] for one in slices),
            },
            **figures,
        }
        figures["yardstick"]["beside"] = figures["yardstick"]["rps"]
        database = "PostgreSQL" if on_postgres else "SQLite"
        cache = "Redis" if os.environ.get("REDIS_URL") else "in-process cache"
        print(
            f"\n{database}, {cache}; gunicorn 2 sync workers; wrk {args.connections} connections, {args.seconds} s each"
            f" (the yardstick in {len(slices)} slices of {slice_seconds} s, between the pages)"
        )
        print(f"{'page':<16} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'beside':>7} {'ratio':>7}  goal")
        for label, f in figures.items():
            ratio = f["rps"] / f["beside"] if f["beside"] else 0.0
            goal = GOALS.get(label)
            verdict = ""
            if goal is not None:
                ratio_goal, p99_goal = goal
                missed = ratio < ratio_goal or (p99_goal is not None and f["p99_ms"] > p99_goal) or f["non_2xx"]
                wanted = f">= {ratio_goal:.1f}x" + (f", p99 <= {p99_goal:.0f} ms" if p99_goal else "")
                verdict = f"{wanted}: {'MISSED' if missed else 'ok'}"
                if missed:
                    failures.append(label)
            print(
                f"{label:<16} {f['rps']:>8.0f} {f['p50_ms']:>8.1f} {f['p99_ms']:>8.1f} {f['non_2xx']:>8}"
                f" {f['beside']:>7.0f} {ratio:>6.2f}x  {verdict}",
                flush=True,
            )
        print(f"(the yardstick's slices: {min(rates):.0f} to {max(rates):.0f} req/s; 'beside' is the mean of the slice")
        print(" before and the slice after each page, and the ratio is the page's req/s over it)")
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"(load average {load} on {os.cpu_count()} CPUs: compare the ratios, measured side by side)")
        print(f"result: {'OK' if not failures else 'MISSED ' + ', '.join(failures)}")
    finally:
        stop(servers)
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
