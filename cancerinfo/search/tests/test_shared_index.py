"""One index for many app servers: a page published on one process is found by search in another within 2 s, on
one database; unpublishing removes it; saving a draft changes nothing. No process rebuilds its whole index for it.

Each test runs with every backend: the index in each process's memory (fed by the change log), and the index in the
database (SITE_SEARCH_BACKEND=database), held in each process's memory or read per search, on SQLite and, in CI's
second pass, PostgreSQL."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cancerinfo.booklets.tests.factories import add_section, make_booklet
from cancerinfo.search import dbindex, services
from cancerinfo.search.models import IndexChange
from cancerinfo.search.services import search
from cancerinfo.search.tests.conftest import BACKENDS, backend_settings, use_backend

GOAL_SECONDS = 2.0


@pytest.fixture(params=BACKENDS)
def search_backend(request, settings):
    use_backend(settings, request.param)
    return request.param


def urls(query: str) -> list[str]:
    return [r.document.url for r in search(query, log=False).results]


@pytest.mark.django_db
def test_publishing_and_unpublishing_update_the_index_without_a_rebuild(site_tree, monkeypatch, search_backend):
    booklet = make_booklet(site_tree["cancer-types"], "Understanding eye cancer", sections=0)
    services.get_index()

    def no_rebuild(*args, **kwargs):
        raise AssertionError("the whole index was rebuilt for one page")

    monkeypatch.setattr(services, "build_index", no_rebuild)
    monkeypatch.setattr(dbindex, "rebuild", no_rebuild)
    monkeypatch.setattr(dbindex, "load_index", no_rebuild)
    section = add_section(booklet, "Proton beam therapy", body="<p>Proton beam therapy for eye tumours.</p>")
    assert urls("proton beam") == [section.url]

    changes = IndexChange.objects.count()
    section.title = "Plaque brachytherapy"
    section.save_revision()  # a draft: readers still see the published page, and so does search
    assert IndexChange.objects.count() == changes
    assert urls("proton beam") == [section.url] and urls("brachytherapy") == []

    booklet.title = "All about eye cancer"
    booklet.save_revision().publish()  # the booklet's sections carry its title: they are updated with it
    assert search("proton beam", log=False).results[0].document.parent == "All about eye cancer"

    section.unpublish()
    assert urls("proton beam") == []


class AppServer:
    """Another process on the same database, as a second app server would be."""

    def __init__(self, database_url: str, backend: str):
        env = dict(os.environ, DATABASE_URL=database_url, SEARCH_SEMANTIC="false", SEARCH_SYNC_SECONDS="0.5")
        env.update(backend_settings(backend))
        env.pop("REDIS_URL", None)  # nothing shared but the database: no cache to pass messages through
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cancerinfo.search.tests.index_process"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=Path(__file__).resolve().parents[3],
        )

    def wait_ready(self) -> None:
        assert self.read() == {"ready": True}

    def read(self) -> dict:
        line = self.process.stdout.readline()
        assert line, "the other process stopped"
        return json.loads(line)

    def ask(self, command: str) -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self.read()

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def shared_database_url(tmp_path) -> str:
    """The test database, for other processes: on PostgreSQL itself; SQLite's in-memory one copied to a file."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings["USER"] or "postgres"
        password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        host = f"{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
        return f"postgres://{user}{password}@{host}/{settings['NAME']}"
    path = tmp_path / "shared.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(path)])
    return f"sqlite:///{path}"


def found_within(server: AppServer, query: str, wanted: bool, seconds: float) -> float | None:
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if bool(server.ask(f"search {query}")["urls"]) == wanted:
            return time.monotonic() - started
        time.sleep(0.05)
    return None


@pytest.mark.timeout(900)  # two more Django processes start: slow on a busy CI machine
@pytest.mark.django_db(transaction=True)
def test_a_page_published_in_one_process_is_found_by_search_in_another(site_tree, tmp_path, search_backend):
    booklet = make_booklet(site_tree["cancer-types"], "Understanding eye cancer", sections=0)
    database = shared_database_url(tmp_path)
    reader, editor = AppServer(database, search_backend), AppServer(database, search_backend)  # both start at once
    try:
        reader.wait_ready()
        editor.wait_ready()
        assert reader.ask("search cryotherapy")["urls"] == []  # the reader's index is built before the change

        page_id = editor.ask(f"publish {booklet.pk} Cryotherapy for retinoblastoma")["id"]
        seconds = found_within(reader, "cryotherapy", True, GOAL_SECONDS)
        assert seconds is not None, f"not found within {GOAL_SECONDS} s"

        editor.ask(f"draft {page_id} Laser treatment for retinoblastoma")
        assert found_within(reader, "laser", True, 1.0) is None  # a draft changes nothing
        assert reader.ask("search cryotherapy")["urls"]

        editor.ask(f"unpublish {page_id}")
        assert found_within(reader, "cryotherapy", False, GOAL_SECONDS) is not None, "still found after 2 s"
    finally:
        reader.close()
        editor.close()


@pytest.mark.django_db
def test_the_database_index_reads_later_results_only_when_they_are_asked_for(site_tree, settings, monkeypatch):
    """The first pages' documents are read with the ranking; the rest (up to 500) only for a later page or a
    filter, in one more query."""
    use_backend(settings, "database-per-search")
    monkeypatch.setattr(dbindex, "READ_AT_ONCE", 12)
    booklet = make_booklet(site_tree["cancer-types"], "Understanding radiotherapy", sections=0)
    for n in range(30):
        add_section(booklet, f"Planning visit {n}", body="<p>A planning visit before radiotherapy.</p>")
    services.get_index()
    read = []
    documents = dbindex.DatabaseIndex.documents

    def counted(self, ids, **kwargs):
        read.append(len(ids))
        return documents(self, ids, **kwargs)

    monkeypatch.setattr(dbindex.DatabaseIndex, "documents", counted)
    queries = []
    rows_by_id = dbindex._rows_by_id
    monkeypatch.setattr(dbindex, "_rows_by_id", lambda *args: queries.append(args) or rows_by_id(*args))

    first = search("planning visit", log=False, remember=False)
    assert first.total == 30 and first.counts == {"section": 30}  # counted by kind without reading them
    assert read == [12]
    # The first page's words (for its snippets) are read with the ranked documents: one query, not two.
    assert len(queries) == 1 and all("<mark>" in r.snippet for r in first.results)
    last = search("planning visit", log=False, remember=False, page=3)
    assert len(last.results) == 10
    assert all(r.document.title.startswith("Planning visit") for r in last.results)
    assert all(r.document.url.startswith(booklet.url) for r in last.results)
    within = search("planning visit", log=False, remember=False, within=booklet.url)
    assert within.total == 30


@pytest.mark.django_db
def test_a_small_database_index_is_searched_from_a_copy_in_memory_and_a_large_one_from_the_database(
    site_tree, settings
):
    """The index lives in the database either way (built once, for every app server); a process holds a copy of it
    while it has at most SEARCH_IN_MEMORY_DOCUMENTS documents, and then a search makes no query at all."""
    use_backend(settings, "database")
    settings.SEARCH_SYNC_SECONDS = 60  # no look at the change log during the searches counted
    booklet = make_booklet(site_tree["cancer-types"], "Understanding eye cancer", sections=0)
    section = add_section(booklet, "Proton beam therapy", body="<p>Proton beam therapy for eye tumours.</p>")
    add_section(booklet, "Surgery", body="<p>An operation to remove the eye.</p>")

    services.get_index()
    with CaptureQueriesContext(connection) as held:
        found = search("proton beam", log=False, remember=False)
    assert [r.document.url for r in found.results] == [section.url]
    assert "<mark>Proton</mark>" in found.results[0].snippet
    assert len(held.captured_queries) == 0

    settings.SEARCH_IN_MEMORY_DOCUMENTS = 2  # fewer than the site has: read per search
    services.reset()
    services.get_index()
    with CaptureQueriesContext(connection) as read:
        found = search("proton beam", log=False, remember=False)
    assert [r.document.url for r in found.results] == [section.url]
    assert "<mark>Proton</mark>" in found.results[0].snippet
    assert len(read.captured_queries) >= 1
