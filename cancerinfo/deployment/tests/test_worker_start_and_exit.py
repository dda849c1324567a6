"""A gunicorn worker starts with nothing left to do on its first requests, and a worker that is recycled leaves
without tearing the interpreter down: neither takes CPU from the workers still serving readers."""

import os
import runpy
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template import engines

from cancerinfo.deployment import startup
from cancerinfo.search import querylog

CONFIG = Path(__file__).resolve().parents[3] / "deploy" / "gunicorn.conf.py"


def _cached_templates() -> set[str]:
    loader = engines["django"].engine.template_loaders[0]  # Django's cached loader, in front of the others
    return {template.origin.template_name for template in loader.get_template_cache.values() if template}


def test_the_master_compiles_every_template_the_project_ships():
    names = startup._project_templates()
    assert len(names) > 100 and "search/search.html" in names and "base.html" in names
    assert startup.prepare_for_workers() == len(names)
    assert set(names) <= _cached_templates()


@pytest.fixture
def worker_exit(monkeypatch):
    """The config's worker_exit hook, with leaving the process recorded instead of done, and the exit functions
    standing in for the process's own (running those would end this test run's)."""
    hook = runpy.run_path(str(CONFIG))["worker_exit"]
    left = []
    monkeypatch.setattr("os._exit", lambda code: left.append(code))
    monkeypatch.setattr("atexit._run_exitfuncs", querylog.send)  # what querylog registered with atexit
    return hook, left


def _exiting(code):
    """Call the hook as gunicorn does: in a finally block, with SystemExit(code) on its way out."""

    def run(hook, worker):
        try:
            try:
                sys.exit(code)
            finally:
                hook(SimpleNamespace(), worker)
        except SystemExit:
            pass

    return run


def test_a_recycled_worker_sends_its_search_counts_and_leaves_at_once(worker_exit, monkeypatch):
    hook, left = worker_exit
    monkeypatch.setattr(querylog, "SEND_SECONDS", 3600)
    querylog.record("bone pain", 3)
    assert querylog._pending
    _exiting(0)(hook, SimpleNamespace(pid=os.getpid()))
    assert left == [0]
    assert querylog._pending == {}  # sent by the exit functions, as a normal exit would


def test_a_worker_that_failed_to_boot_exits_as_gunicorn_says(worker_exit):
    hook, left = worker_exit
    _exiting(3)(hook, SimpleNamespace(pid=os.getpid()))
    assert left == []


def test_in_the_master_the_hook_does_nothing(worker_exit):
    hook, left = worker_exit
    _exiting(0)(hook, SimpleNamespace(pid=-1))
    assert left == []
