"""A partner's receiving end: a real HTTP server on 127.0.0.1 that keeps what it receives and answers with the
statuses a test gives it, in turn (the last one again once they run out)."""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from cancerinfo.api.webhooks.models import Subscription
from cancerinfo.booklets.interface import BookletPage, BookletSectionPage


class Receiver:
    def __init__(self):
        self.received: list[dict] = []
        self.statuses = [200]
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.received.append({"path": self.path, "headers": self.headers, "body": body})
                status = receiver.statuses.pop(0) if len(receiver.statuses) > 1 else receiver.statuses[0]
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/cancerinfo"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    settings.WEBHOOK_ALLOW_HTTP = True
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True  # the test's server is on this machine
    settings.WEBHOOK_TIMEOUT_SECONDS = 2
    found = Receiver()
    yield found
    found.stop()


@pytest.fixture
def subscription(receiver):
    return Subscription.objects.create(partner="Sample partner charity", url=receiver.url)


@pytest.fixture
def database_queue(settings):
    """The real queue (jobs wait in the database for a worker) instead of the tests' immediate backend."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects


def make_due(queue) -> None:
    queue.filter(status="READY").update(run_after=timezone.now() - datetime.timedelta(seconds=1))


# Pages built as an editor would (like booklets/tests/factories.py, through the booklets' interface).


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def add_section(booklet, title: str, live: bool = True):
    section = BookletSectionPage(
        title=title, slug=title.lower().replace(" ", "-"), body=[("paragraph", "<p>Sample text.</p>")], live=live
    )
    booklet.add_child(instance=section)
    return publish(section) if live else section


def make_booklet(parent, title: str, sections: int = 1):
    booklet = parent.add_child(
        instance=BookletPage(title=title, slug=title.lower().replace(" ", "-"), last_reviewed=datetime.date(2026, 3, 3))
    )
    publish(booklet)
    for number in range(1, sections + 1):
        add_section(booklet, f"Section {number}")
    return booklet
