"""Fixtures every app's tests share: the site skeleton and a real browser with an accessibility checker."""

import json
import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def empty_caches() -> None:
    """Empty every cache: the shared one (navigation, rate limits, glossary matcher...), the version tokens and the
    per-process tables built from them."""
    from django.core.cache import cache, caches

    from cancerinfo.delivery import versions
    from cancerinfo.search import querylog

    cache.clear()
    querylog.forget()  # searches counted in this process and not yet sent to the cache
    caches[versions.ALIAS].clear()  # rows a test wrote are rolled back: so is everything built from them
    versions.clear_tables()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches."""
    empty_caches()
    yield


def verify_second_factor(client, user) -> None:
    """Mark the client's session as having passed the second factor, with a confirmed authenticator app."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name="Test app", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _force_login_includes_the_second_factor(monkeypatch):
    """Tests of other features sign staff in with force_login: that counts as both factors, as if they had typed
    their code. The tests of signing in itself post to the login pages instead (cancerinfo/staff/tests)."""
    from django.test import Client

    password_only = Client.force_login

    def force_login(self, user, backend=None):
        password_only(self, user, backend)
        verify_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


_initial_data: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the site skeleton once per test database; each test's transaction rolls back to it.
    Keep a copy of everything the migrations and the skeleton wrote, to restore after a flush."""
    from django.db import connection

    from cancerinfo.core.demo import build_site

    with django_db_blocker.unblock():
        build_site()
        _initial_data["default"] = connection.creation.serialize_db_to_string()


def restore_initial_data() -> None:
    """Browser tests (live_server) run in transactional tests, which empty the database when they end: the data
    migrations wrote (topics, groups, thesaurus, opening hours...) goes too. Put it all back, as it was."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    # The flush re-created content types and permissions with new ids; the saved copy has the original ones, and
    # they go in first, before any signal handler asks for a content type.
    Permission.objects.all().delete()
    ContentType.objects.all().delete()
    ContentType.objects.clear_cache()
    records = json.loads(_initial_data["default"])
    first = [r for r in records if r["model"] in ("contenttypes.contenttype", "auth.permission")]
    rest = [r for r in records if r["model"] not in ("contenttypes.contenttype", "auth.permission")]
    for part in (first, rest):
        connection.creation.deserialize_db_from_string(json.dumps(part))
    ContentType.objects.clear_cache()
    # The rows went back with their own ids. A flush that restarted the sequences (manage.py flush does, on
    # PostgreSQL) would hand those ids out again: move every sequence past the rows.
    from django.apps import apps
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def cache_keys() -> list[str]:
    """Every key in the cache, as stored (prefix and version included), on Redis or in process."""
    from django.core.cache import cache

    if hasattr(cache, "keys"):  # django-redis
        return [cache.make_key(key) for key in cache.keys("*")]
    return list(cache._cache)  # the in-process cache


@pytest.fixture
def site_tree(db):
    """The site's skeleton (home, areas, navigation) as load_demo_content builds it, without sample content.
    Cheap when the skeleton is there already; restored after a transactional test has flushed the database."""
    from wagtail.models import Page

    from cancerinfo.core.demo import build_site

    if not Page.objects.exists() and _initial_data:
        restore_initial_data()
    return build_site()


@pytest.fixture
def nginx(live_server, tmp_path):
    """The shipped nginx configuration running in front of the live server; its port (delivery/tests/nginx.py)."""
    from cancerinfo.delivery.tests.nginx import run_nginx

    yield from run_nginx(live_server, tmp_path)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip(
            f"Browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium); .ci/run installs it"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Browser tests need the playwright package (pip install playwright)")
    # Playwright runs an event loop in this thread; the live server's ORM calls happen in its own thread.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(browser):
    """A desktop-sized page. Every test using it also checks that the Content-Security-Policy blocked nothing."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else 0)
    yield page
    context.close()
    assert blocked == [], "the Content-Security-Policy blocked something on the page"


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page; return the serious and critical violations."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Error as PlaywrightError

    # axe-core runs in the page: with JavaScript switched off its promise never settles and the test would hang.
    if page.context._impl_obj._options.get("javaScriptEnabled") is False:
        raise AssertionError("axe needs JavaScript: run accessibility checks in a context with JavaScript on")

    # A click that navigates returns once the new page has started to arrive; axe run on a document that is
    # still being replaced finds no documentElement. Wait for the page to load, and run again if it was swapped
    # under axe all the same.
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            results = Axe().run(page)
            break
        except PlaywrightError as error:
            page_was_swapped = "documentElement" in str(error) or "context was destroyed" in str(error)
            if attempt == 2 or not page_was_swapped:
                raise
    violations = results.response.get("violations", [])
    return violations  # every impact fails a check, minor and moderate ones (heading order, landmarks) included


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(node.get("target", [])) for node in violation.get("nodes", [])][:5]
        lines.append(f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible():
    def check(page):
        violations = axe_violations(page)
        assert not violations, f"{page.url}\n" + describe_violations(violations)

    return check
