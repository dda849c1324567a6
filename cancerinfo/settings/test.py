"""Fast, isolated settings for the test suite. DATABASE_URL / REDIS_URL still apply, so CI can run on PostgreSQL."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("ALLOWED_HOSTS", "*")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Ordinary tests read Django's outbox and run jobs at once, inside the test. The queue, the mail queue and the worker
# have tests of their own (cancerinfo/jobs/tests), some with a real worker process and SMTP server.
EMAIL_BACKEND = EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"

# Parallel test workers (pytest-xdist) each get their own Redis database, so clearing the cache between tests
# in one worker never touches another's. TEST_REDIS_DB_BASE moves the range, so two test runs can share one Redis.
if REDIS_URL:  # noqa: F405
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    _db = int(os.environ.get("TEST_REDIS_DB_BASE", "1")) + int("".join(ch for ch in _worker if ch.isdigit()) or 0)
    CACHES["default"]["LOCATION"] = REDIS_URL.rsplit("/", 1)[0] + f"/{_db}"  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"cancerinfo-test-{_worker}"  # noqa: F405
    CACHES["versions"]["LOCATION"] = CACHES["default"]["LOCATION"]  # noqa: F405
    CACHES["versions"]["KEY_PREFIX"] = f"cancerinfo-test-versions-{_worker}"  # noqa: F405
else:
    # One process per test worker: version tokens in memory, so parallel workers never move each other's.
    CACHES["versions"].update(  # noqa: F405
        BACKEND="django.core.cache.backends.locmem.LocMemCache", LOCATION="cancerinfo-versions"
    )

# The live chat's consumers talk through an in-process channel layer in tests (one process, no Redis needed).
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Tests measure real rendering (query counts, content); the page cache has its own tests that switch it on.
PAGE_CACHE_SECONDS = 0
FRAGMENT_CACHE_SECONDS = 0
# Tests render every page; delivery/tests/test_stored_rendering.py turns stored renderings on.
STORED_RENDERING = False

# Making PDFs takes seconds; only the publications tests that are about it switch it on.
PUBLICATIONS_PDF_ON_PUBLISH = False

# Backups: a fixed test key (production has none). Tests that write backups point BACKUP_DIR at tmp_path.
BACKUP_ENCRYPTION_KEY = "kV0c0yLkz4Xb2b7K0m9xVw8oQ8wD1hJ3cS5pT6uY7rE="
