"""gunicorn settings for CancerInfo; every value can be overridden from the environment."""

import gc
import multiprocessing
import os
import sys

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never becomes an outage; rarely, because a new worker starts with
# empty in-process caches (a worker at 2,000 requests/s recycled every 2,000 requests made 1 request in 100 slow).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# Load Django and build the search index once, in the master, before forking: every worker, and every worker that
# replaces a recycled one, starts with the index already in memory (shared copy-on-write) instead of spending
# seconds of CPU rebuilding it in the middle of a traffic spike. Code changes then need a restart, not a HUP.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() not in {"0", "false", "no", "off"}
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Never log query strings of form posts: gunicorn logs the request line only, and forms use POST.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(D)sus'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "cancerinfo.wsgi:application"


def on_starting(server):
    """Before anything listens: refuse to start when any system check, deployment checks included, is an error
    (e-mail to the console, the sandbox payment provider, a missing or weak key...), whichever app registered it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cancerinfo.settings.production")
    from cancerinfo.deployment.checks import UnsafeDeployment, refuse_unsafe_start

    try:
        refuse_unsafe_start()
    except UnsafeDeployment as refusal:
        server.log.error("%s", refusal)
        sys.exit(1)


def when_ready(server):
    """In the master, after preloading and before the first fork: build the search index and the encoder's graph,
    fingerprint the release and compile the templates, for the workers to share (a new worker starts with no
    first-request work)."""
    if not preload_app:
        return
    try:
        from cancerinfo.search.embeddings import get_encoder
        from cancerinfo.search.services import get_index

        get_index()
        encoder = get_encoder()
        if encoder is not None:
            encoder.prepare_session()  # the graph each worker starts its own ONNX Runtime session from
    except Exception:
        server.log.exception("Could not build the search index in the master; each worker will build its own")
    try:
        from cancerinfo.deployment.startup import prepare_for_workers

        prepare_for_workers()
    except Exception:
        server.log.exception("Could not prepare the workers' templates in the master; each worker will")
    finally:
        # Never hand a database connection made here to the forked workers: each opens its own.
        from django.db import connections

        connections.close_all()
        # Keep what the master built out of the garbage collector's sight: a worker's first collection would
        # otherwise touch, and so copy, every page it shares with the master.
        gc.freeze()


def post_worker_init(worker):
    """Make sure the worker has the current search index before its first request (free when the master's copy is
    current; a rebuild when content changed since the master built it, or without preloading)."""
    try:
        from cancerinfo.search.embeddings import get_encoder
        from cancerinfo.search.services import get_index

        get_index()
        encoder = get_encoder()
        if encoder is not None:
            # The worker starts its own ONNX Runtime session (never the master: it does not survive a fork), with a
            # first query, so the first reader's search does not pay for it.
            encoder.encode_query("cancer information")
    except Exception:  # a missing index must never stop the worker: search builds it on first use instead
        worker.log.exception("Could not build the search index at start-up")


def worker_exit(server, worker):
    """A worker stopping after a normal end (recycled after max_requests, or the server shutting down) does what
    exiting would (atexit: the search counts it holds, the logs), closes its database connections, and leaves
    without tearing the interpreter down: that took an eighth of a second of CPU, taken from the workers still
    serving, at every recycle. Any other exit (a worker that failed to boot) is left to gunicorn as it is."""
    if os.getpid() != worker.pid:  # gunicorn also calls this in the master, for a worker already gone
        return
    leaving = sys.exc_info()[1]
    if not isinstance(leaving, SystemExit) or leaving.code not in (0, None):
        return
    import atexit

    from django.db import connections

    try:
        connections.close_all()
        atexit._run_exitfuncs()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
