"""A hospital's page on another origin pastes the <iframe> our oEmbed answer gives: Debian's chromium shows the card
in it, styled, with nothing blocked and no cookie of ours; the same hospital page cannot frame one of our ordinary
pages. The hospital's page comes from a small server of the test's own on 127.0.0.1 (the live server is on
localhost: another origin); chromium would block a frame of a local address in a page from anywhere else."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cancerinfo.booklets.tests.factories import make_booklet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hospital():
    """A site on another origin whose page shows what the test puts in `hospital.body`; its address."""
    shown = {"body": ""}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            body = (
                '<!DOCTYPE html><html lang="en"><head><title>Our ward</title></head><body><h1>Patient information'
                f"</h1>{shown['body']}</body></html>"
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield shown, f"http://127.0.0.1:{server.server_port}/patient-information/"
    server.shutdown()
    server.server_close()


def test_a_card_shows_inside_another_sites_page_and_an_ordinary_page_does_not(
    live_server, browser, site_tree, hospital
):
    shown, address = hospital
    booklet = make_booklet(site_tree["cancer-types"], "Understanding framing", sections=1, summary="Sample content.")
    section = booklet.get_children().first().specific
    context = browser.new_context(viewport={"width": 900, "height": 900})
    console = []
    try:
        answer = context.request.get(
            f"{live_server.url}/api/oembed", params={"url": f"{live_server.url}{section.url}", "maxwidth": "400"}
        )
        assert answer.status == 200
        snippet = answer.json()["html"]
        assert f'src="{live_server.url}/embed/section/{section.pk}/"' in snippet
        ordinary = (
            f'<iframe src="{live_server.url}{section.url}" title="Not allowed" width="400" height="300"></iframe>'
        )
        shown["body"] = snippet
        page = context.new_page()
        page.on("console", lambda message: console.append(message.text))
        page.goto(address)
        card = page.frame_locator("iframe").first
        card.locator("h1").wait_for()
        assert card.locator("h1").inner_text() == "Section 1"
        assert "From the booklet “Understanding framing”" in card.locator("main").inner_text()
        link = card.locator("a", has_text="Read more on")
        assert link.get_attribute("target") == "_blank"
        # The stylesheet loaded inside the sandboxed frame: the card's brand-coloured top border.
        border = card.locator("main").evaluate("main => getComputedStyle(main).borderTopWidth")
        assert border == "6px"
        assert not [text for text in console if "Content Security Policy" in text], console
        assert [cookie for cookie in context.cookies() if cookie["domain"] in ("localhost", "127.0.0.1")] == []

        # The same hospital page framing one of our ordinary pages: chromium refuses it.
        shown["body"] = ordinary
        console.clear()
        page.goto(address)
        page.wait_for_timeout(500)
        frame = page.frames[1]
        assert "Section 1" not in (frame.content() if frame.url.startswith("http") else "")
        assert any("frame-ancestors" in text or "X-Frame-Options" in text for text in console), console
    finally:
        context.close()
