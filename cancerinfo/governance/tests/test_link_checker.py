"""The broken-link check, against a small web server on this machine."""

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from cancerinfo.booklets.tests.factories import add_section, make_booklet
from cancerinfo.governance.links import check_url, external_links
from cancerinfo.governance.models import LinkCheck


class Handler(BaseHTTPRequestHandler):
    def _answer(self, with_body: bool):
        if self.path == "/ok":
            status = 200
        elif self.path == "/no-head" and self.command == "HEAD":
            status = 405
        elif self.path == "/no-head":
            status = 200
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        else:
            status = 404
        body = b"hello"
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_HEAD(self):  # noqa: N802
        self._answer(with_body=False)

    def do_GET(self):  # noqa: N802
        self._answer(with_body=True)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_single_links_are_checked_with_head_then_get(server):
    assert check_url(f"{server}/ok").ok
    assert check_url(f"{server}/no-head").status_code == 200
    assert check_url(f"{server}/moved").ok
    missing = check_url(f"{server}/missing")
    assert (missing.ok, missing.status_code) == (False, 404)
    closed = check_url("http://127.0.0.1:9/nothing-listens-here", timeout=2)
    assert not closed.ok and closed.status_code is None and closed.error


@pytest.mark.django_db
def test_the_command_finds_links_in_text_and_references_and_reports_broken_ones(server, admin_client, site_tree):
    booklet = make_booklet(
        site_tree["cancer-types"],
        "Understanding stomach cancer",
        sections=0,
        references=[("reference", {"title": "A study", "source": "A journal", "year": 2020, "url": f"{server}/gone"})],
    )
    section = add_section(
        booklet,
        "Tests",
        body=f'<p>See <a href="{server}/ok">this</a>, <a href="{server}/no-head">that</a> and '
        f'<a href="{server}/missing">the other</a>. <a href="/local/">Local</a> links are skipped.</p>',
    )
    assert sorted(external_links(section.specific)) == sorted(
        [f"{server}/ok", f"{server}/no-head", f"{server}/missing"]
    )

    out = io.StringIO()
    call_command("check_links", "--workers", "4", "--timeout", "5", stdout=out)
    output = out.getvalue()
    assert "4 link(s) checked: 2 working, 2 broken" in output
    assert f"BROKEN Broken (404): {server}/missing on “Tests”" in output
    assert f"{server}/gone on “Understanding stomach cancer”" in output

    broken = {(c.page_id, c.url, c.status_code) for c in LinkCheck.objects.filter(ok=False)}
    assert broken == {(section.pk, f"{server}/missing", 404), (booklet.pk, f"{server}/gone", 404)}
    assert LinkCheck.objects.filter(ok=True).count() == 2

    html = admin_client.get("/admin/governance/links/").content.decode()
    assert f"{server}/missing" in html and f"{server}/gone" in html and "Broken (404)" in html
    assert f"{server}/ok<" not in html

    # Running again replaces the results rather than adding to them.
    call_command("check_links", stdout=io.StringIO())
    assert LinkCheck.objects.count() == 4
