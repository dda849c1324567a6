"""Settings come from the environment, with safe defaults only for development."""

import base64
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def load_settings(module: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL"}}
    code = (
        f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='{module}'; from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE']); print(settings.CACHES['default']['BACKEND'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


def test_secret_key_is_required_when_debug_is_off():
    result = load_settings("cancerinfo.settings.production", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_sqlite_and_local_cache_by_default():
    result = load_settings("cancerinfo.settings.dev")
    assert result.returncode == 0, result.stderr
    engine, cache = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert cache.endswith("LocMemCache")


def test_database_url_and_redis_url_switch_to_postgresql_and_redis():
    result = load_settings(
        "cancerinfo.settings.production",
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://u@db.example:5432/ci",
        REDIS_URL="redis://cache.example:6379/0",
        ENQUIRY_ENCRYPTION_KEY=base64.urlsafe_b64encode(b"k" * 32).decode(),
    )
    assert result.returncode == 0, result.stderr
    engine, cache = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    assert cache == "django_redis.cache.RedisCache"


def test_a_mistyped_boolean_is_an_error_not_a_guess():
    result = load_settings("cancerinfo.settings.dev", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_media_storage_is_chosen_by_setting():
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='cancerinfo.settings.dev'; from django.conf import settings; "
        "print(settings.STORAGES['default']['BACKEND'])"
    )
    clean = {k: v for k, v in os.environ.items() if k != "MEDIA_STORAGE_BACKEND"}
    default = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)
    s3 = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**clean, "MEDIA_STORAGE_BACKEND": "storages.backends.s3.S3Storage"},
    )
    assert default.stdout.strip() == "django.core.files.storage.FileSystemStorage"
    assert s3.stdout.strip() == "storages.backends.s3.S3Storage"
