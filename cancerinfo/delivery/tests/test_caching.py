"""Caches in front may keep published pages for readers, never pages for staff or pages with forms, and are
purged when a page is published or unpublished."""

import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth import get_user_model
from django.test import override_settings

from cancerinfo.booklets.tests.factories import make_booklet

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_published_pages_are_shareable_for_anonymous_readers(client, site_tree):
    response = client.get("/cancer-types/")
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage=" in cache_control


def test_pages_for_signed_in_staff_are_never_stored(client, site_tree):
    staff = get_user_model().objects.create_user("editor", password="a long enough password", is_staff=True)
    client.force_login(staff)
    response = client.get("/cancer-types/")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_admin_pages_are_never_stored(client, site_tree):
    response = client.get("/admin/login/")
    assert "no-store" in response["Cache-Control"]


def test_a_page_with_a_csrf_protected_form_is_never_shared(rf):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from cancerinfo.delivery.middleware import CacheHeadersMiddleware

    def view(request):
        get_token(request)  # what {% csrf_token %} does
        return HttpResponse("<form>")

    request = rf.get("/contact-us/")
    response = CacheHeadersMiddleware(view)(request)
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_posts_are_never_stored(rf):
    from django.http import HttpResponse

    from cancerinfo.delivery.middleware import CacheHeadersMiddleware

    response = CacheHeadersMiddleware(lambda request: HttpResponse("thanks"))(rf.post("/anything/"))
    assert "no-store" in response["Cache-Control"]


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received: list[tuple[str, str]] = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.received.append((self.command, self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_endpoint():
    PurgeRecorder.received = []
    server = http.server.HTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", PurgeRecorder.received
    server.shutdown()


def test_publish_and_unpublish_purge_the_cache_in_front(site_tree, purge_endpoint):
    location, received = purge_endpoint
    backends = {"front": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": location}}
    with override_settings(WAGTAILFRONTENDCACHE=backends):
        booklet = make_booklet(site_tree["cancer-types"], "Understanding purging", sections=0, slug="purging")
        assert ("PURGE", "/cancer-types/purging/") in received
        received.clear()
        booklet.unpublish()
        assert ("PURGE", "/cancer-types/purging/") in received


def test_production_settings_pass_the_deployment_checks():
    env = {
        "DJANGO_SETTINGS_MODULE": "cancerinfo.settings.production",
        "SECRET_KEY": "a-real-deployment-would-use-a-long-random-secret-key-like-this-one-1234567890",
        "ALLOWED_HOSTS": "cancerinfo.example",
        "ENQUIRY_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "BACKUP_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "DONATIONS_PROVIDER": "stripe",
        "STRIPE_SECRET_KEY": "sk_live_example",
        "STRIPE_WEBHOOK_SECRET": "whsec_example",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
