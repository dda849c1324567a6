"""Background jobs (django-tasks) for the delivery of pages: warming the pages a publish changed."""

import logging
from urllib.parse import urlsplit

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def warm_pages(urls: list[str]) -> dict:
    """Render each address once as an anonymous reader would, so the page cache (shared through Redis) holds the
    new page before the first reader asks. Safe to run again: a warm page is just served from the cache."""
    from django.test import Client

    warmed, failed = [], []
    for url in urls:
        parts = urlsplit(url)
        client = Client(HTTP_HOST=parts.netloc or "localhost", raise_request_exception=False)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        status = client.get(path, secure=parts.scheme == "https").status_code
        (warmed if status == 200 else failed).append(url)
    if failed:
        logger.info("Not warmed (not a page readers can see now): %s", failed)
    return {"warmed": warmed, "failed": failed}
