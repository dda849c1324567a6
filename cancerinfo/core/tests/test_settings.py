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
    """Django refuses an empty key; production also names it (deployment.E001, cancerinfo/deployment/tests)."""
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='cancerinfo.settings.dev'; from django.conf import settings; "
        "print(settings.SECRET_KEY)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY"}}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, "DEBUG": "false"}, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "The SECRET_KEY setting must not be empty" in result.stderr


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


def _production_value(expression: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL", "DATABASE_CONN_MAX_AGE"}}
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE']='cancerinfo.settings.production'; "
        f"from django.conf import settings; print({expression})"
    )
    env = {
        "SECRET_KEY": "x" * 50,
        "ENQUIRY_ENCRYPTION_KEY": base64.urlsafe_b64encode(b"k" * 32).decode(),
        "DATABASE_URL": "postgres://u@db.example:5432/ci",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=60
    )


def test_production_keeps_database_connections_open_and_checks_them_before_reuse():
    result = _production_value(
        "settings.DATABASES['default']['CONN_MAX_AGE'], settings.DATABASES['default']['CONN_HEALTH_CHECKS']"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "60 True"
    result = _production_value("settings.DATABASES['default']['CONN_MAX_AGE']", DATABASE_CONN_MAX_AGE="0")
    assert result.stdout.strip() == "0"  # e.g. behind PgBouncer


def test_gunicorn_preloads_the_app_and_builds_the_index_in_hooks_unless_told_not_to():
    code = (
        "import runpy; c = runpy.run_path('deploy/gunicorn.conf.py'); "
        "print(c['preload_app'], callable(c['when_ready']), callable(c['post_worker_init']))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True"]
    off = subprocess.run(
        [sys.executable, "-c", "import runpy; print(runpy.run_path('deploy/gunicorn.conf.py')['preload_app'])"],
        cwd=ROOT,
        env={**os.environ, "GUNICORN_PRELOAD": "false"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert off.stdout.strip() == "False"


def test_log_level_also_quiets_djangos_own_request_warnings():
    code = (
        "import logging, os; os.environ['DJANGO_SETTINGS_MODULE']='cancerinfo.settings.dev'; import django; "
        "django.setup(); logging.getLogger('django.request').warning('Service Unavailable: /x/'); "
        "logging.getLogger('cancerinfo').critical('still shown')"
    )
    for level, shown in [("CRITICAL", False), ("WARNING", True)]:
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**os.environ, "LOG_LEVEL": level},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert "still shown" in result.stderr
        assert ("Service Unavailable" in result.stderr) is shown, level
