"""What a restore must bring back, measured the same way before and after: each public page's status and content,
row counts, every encrypted field readable, every file a record points at present."""

import hashlib
import re
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.files.storage import default_storage
from django.http.request import validate_host

# Values that differ on every request (CSRF tokens, signed form start times) are not content.
INPUT_TAG = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
HIDDEN = re.compile(r"""type\s*=\s*["']?hidden""", re.IGNORECASE)
VALUE = re.compile(r"""\svalue\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
# Nor is what changes with the clock: "Open now, until 5pm" turns into "Closed" between a backup and its drill.
HELPLINE_STATUS = re.compile(r"""<p class="helpline__status[^"]*">.*?</p>""", re.DOTALL)
CSRF_META = re.compile(r"""(<meta[^>]*name=["']csrf[^>]*content=)("[^"]*"|'[^']*')""", re.IGNORECASE)


def normalise(html: str) -> str:
    html = INPUT_TAG.sub(lambda m: VALUE.sub("", m.group(0)) if HIDDEN.search(m.group(0)) else m.group(0), html)
    html = HELPLINE_STATUS.sub("", html)
    return CSRF_META.sub(r'\1""', html)


@contextmanager
def isolated_cache():
    """Render from the database alone: a cache shared with the live site could hide a missing row."""
    from django.test.utils import override_settings

    location = f"cancerinfo-backup-check-{uuid.uuid4().hex}"
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": location}}
    ):
        yield


def _host() -> str:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site and validate_host(site.hostname, settings.ALLOWED_HOSTS):
        return site.hostname
    for host in settings.ALLOWED_HOSTS:
        if "*" not in host and not host.startswith("."):
            return host
    return "localhost"


def public_paths(limit: int | None = None) -> list[str]:
    """Every live public page's path (and the sitemap), or an even sample of `limit` of them on a big site."""
    from wagtail.models import Page

    paths = []
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path").specific(defer=True):
        parts = page.get_url_parts()
        if parts and parts[2] and parts[2].startswith("/"):
            paths.append(parts[2])
    paths = sorted(set(paths))
    limit = settings.BACKUP_CHECK_PAGES if limit is None else limit
    if limit and len(paths) > limit:
        step = len(paths) / limit
        paths = [paths[int(i * step)] for i in range(limit)]
    return [*paths, "/sitemap.xml"]


def page_fingerprints(paths: list[str] | None = None) -> dict[str, dict]:
    from django.test import Client

    with isolated_cache():
        paths = public_paths() if paths is None else paths
        client = Client(HTTP_HOST=_host())
        found = {}
        for path in paths:
            response = client.get(path, secure=True)
            body = normalise(response.content.decode("utf-8", "replace"))
            found[path] = {"status": response.status_code, "sha256": hashlib.sha256(body.encode()).hexdigest()}
    return found


def compare_pages(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    """Pages that answered 200 before and not the same now."""
    problems = []
    for path, was in sorted(before.items()):
        if was["status"] != 200:
            continue
        now = after.get(path)
        if now is None or now["status"] != 200:
            problems.append(f"{path} answered {now['status'] if now else 'nothing'} instead of 200")
        elif now["sha256"] != was["sha256"]:
            problems.append(f"{path} shows different content")
    return problems


def compare_counts(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return [
        f"{table}: {before.get(table, 'no table')} rows in the backup, {after.get(table, 'no table')} restored"
        for table in sorted(set(before) | set(after))
        if before.get(table) != after.get(table)
    ]


def decrypt_all() -> int:
    """Read every encrypted field of every row; return how many values were read. Raises ValueError on a wrong key."""
    from .keys import _encrypted_fields

    read = 0
    for model, field in _encrypted_fields():
        for value in model._base_manager.values_list(field.name, flat=True).iterator():
            read += 1 if value else 0
    return read


def missing_files() -> list[str]:
    from .media import referenced_files

    return [f"{label}: {name}" for label, name in referenced_files() if not default_storage.exists(name)]
