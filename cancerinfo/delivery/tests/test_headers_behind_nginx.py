"""Behind the shipped nginx: pages (fresh from the app, then from nginx's cache and Django's page cache) and the
static files nginx serves itself carry the same security headers, and uploaded files other than images are never
served straight from the media folder."""

import pytest

from cancerinfo.booklets.tests.factories import make_booklet
from cancerinfo.delivery.tests.nginx import Visitor, needs_nginx

from .test_security_headers import SECURITY_HEADERS

pytestmark = needs_nginx


def security_headers(visitor: Visitor) -> dict:
    """The security headers of the last response; the policy as a set of directives (their order does not count)."""
    found = {name: visitor.headers.get(name) for name in SECURITY_HEADERS}
    policy = found["Content-Security-Policy"]
    if policy:
        found["Content-Security-Policy"] = frozenset(part.strip() for part in policy.split(";") if part.strip())
    return found


@pytest.fixture
def section(site_tree, settings):
    settings.PAGE_CACHE_SECONDS = 300
    booklet = make_booklet(site_tree["cancer-types"], "Understanding proxies", sections=1, slug="proxies")
    return booklet.get_children().first().specific


def test_pages_and_static_files_carry_the_same_security_headers(nginx, section, tmp_path):
    reader = Visitor(nginx, "127.0.0.2")
    assert reader.request("GET", section.url)[0] == 200
    fresh = security_headers(reader)
    assert all(fresh.values()), fresh
    assert reader.headers["X-Cache-Status"] == "MISS"

    assert reader.request("GET", section.url)[0] == 200
    assert reader.headers["X-Cache-Status"] == "HIT"  # nginx's copy
    assert security_headers(reader) == fresh

    static = tmp_path / "srv" / "staticfiles" / "css"
    static.mkdir(parents=True)
    (static / "site.css").write_text("body { margin: 0; }")
    assert reader.request("GET", "/static/css/site.css")[0] == 200
    assert security_headers(reader) == fresh


def test_django_page_cache_hits_behind_nginx_carry_the_headers(nginx, section):
    # A session cookie makes nginx pass the request through; no session in Django, so its page cache answers.
    reader = Visitor(nginx, "127.0.0.3")
    reader.cookies["csrftoken"] = "x" * 32
    reader.request("GET", section.url)
    fresh = security_headers(reader)
    reader.request("GET", section.url)
    assert reader.headers["X-Page-Cache"] == "hit"
    assert security_headers(reader) == fresh


def test_documents_and_pdfs_are_never_served_from_the_media_folder(nginx, site_tree, tmp_path):
    media = tmp_path / "srv" / "media"
    for folder in ("documents", "publications/pdf", "images"):
        (media / folder).mkdir(parents=True)
    (media / "documents" / "private-minutes.pdf").write_bytes(b"%PDF-1.4 private")
    (media / "publications" / "pdf" / "booklet.pdf").write_bytes(b"%PDF-1.4 booklet")
    (media / "images" / "cover.png").write_bytes(b"\x89PNG\r\n")
    visitor = Visitor(nginx, "127.0.0.4")
    assert visitor.request("GET", "/media/documents/private-minutes.pdf")[0] == 404
    assert visitor.request("GET", "/media/publications/pdf/booklet.pdf")[0] == 404
    assert visitor.request("GET", "/media/images/cover.png")[0] == 200
    assert visitor.headers.get("Content-Security-Policy")
