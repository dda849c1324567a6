"""gunicorn settings for CancerInfo; every value can be overridden from the environment."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak never becomes an outage.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# Never log query strings of form posts: gunicorn logs the request line only, and forms use POST.
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(D)sus'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "cancerinfo.wsgi:application"


def post_worker_init(worker):
    """Build the site search index as each worker starts, so no reader waits for it inside a request."""
    try:
        from cancerinfo.search.services import get_index

        get_index()
    except Exception:  # a missing index must never stop the worker: search builds it on first use instead
        worker.log.exception("Could not build the search index at start-up")
