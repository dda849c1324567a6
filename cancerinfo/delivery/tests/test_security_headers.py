"""Security headers on every page: a Content-Security-Policy without inline code, Permissions-Policy,
X-Frame-Options and the rest, the same on a page served from the page cache as on a fresh one."""

import re

import pytest

from cancerinfo.booklets.tests.factories import make_booklet

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = [part.strip().split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.fixture
def section(site_tree):
    booklet = make_booklet(site_tree["cancer-types"], "Understanding headers", sections=1, slug="headers")
    return booklet.get_children().first().specific


def test_the_public_policy_allows_no_inline_code_and_nothing_from_elsewhere(client, section):
    policy = directives(client.get(section.url))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in client.get(section.url)["Content-Security-Policy"]


def test_a_cached_page_carries_the_same_security_headers_as_a_fresh_one(client, section, settings):
    settings.PAGE_CACHE_SECONDS = 300
    fresh = client.get(section.url)
    cached = client.get(section.url)
    assert fresh["X-Page-Cache"] == "miss" and cached["X-Page-Cache"] == "hit"
    for name in SECURITY_HEADERS:
        assert cached.get(name), f"{name} missing from the cached page"
        assert cached[name] == fresh[name], name
    assert cached["X-Frame-Options"] == "DENY"
    assert "camera=()" in cached["Permissions-Policy"]


def test_headers_the_view_set_survive_the_page_cache(client, settings, site_tree):
    settings.PAGE_CACHE_SECONDS = 300
    fresh = client.get("/")
    cached = client.get("/")
    assert cached["X-Page-Cache"] == "hit"
    assert cached.get("Vary") == fresh.get("Vary")


def test_forms_errors_and_missing_pages_carry_the_headers_too(client, site_tree):
    for response in (client.get(site_tree["contact-us"].ask_a_nurse_url), client.get("/no-such-page/")):
        for name in SECURITY_HEADERS:
            assert response.get(name), (response.status_code, name)


def test_staff_areas_have_their_own_policy(admin_client):
    response = admin_client.get("/admin/")
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]  # previews frame the site's own pages
    assert policy["object-src"] == ["'none'"]
    assert response.get("Permissions-Policy")


def test_no_public_template_holds_inline_script_style_or_event_handlers():
    """The policy would block them: scripts and styles live in static files. Data blocks (JSON-LD) are not code.
    Admin templates and the PDF templates (read by WeasyPrint, never a browser) may use inline styles."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.rglob("templates/**/*.html"):
        relative = str(path.relative_to(root))
        if "/admin/" in relative or "/pdf/" in relative or relative.endswith("_pdf.html"):
            continue
        text = path.read_text()
        for match in re.finditer(r"<script\b[^>]*>", text):
            tag = match.group(0)
            if "src=" not in tag and "application/ld+json" not in tag and "application/json" not in tag:
                offenders.append(f"{relative}: {tag}")
        if re.search(r"<style\b", text) or re.search(r"\sstyle=\"", text):
            offenders.append(f"{relative}: inline style")
        if re.search(r"\son[a-z]+=\"", text):
            offenders.append(f"{relative}: event handler attribute")
    assert offenders == []
