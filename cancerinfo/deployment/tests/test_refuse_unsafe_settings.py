"""Refuse, don't warn: with production settings an unsafe setting stops `check --deploy` and gunicorn, by name."""

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[3]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
PORT = 8310  # this suite's own port (8300-8399)


def safe_environment(tmp_path) -> dict:
    """What docs/deployment.md asks for, with real-looking values."""
    keep = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "EMAIL_", "DONATIONS_", "STRIPE_", "TASKS_"))
    }
    for name in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "ENQUIRY_ENCRYPTION_KEY", "REDIS_URL", "DATABASE_URL"):
        keep.pop(name, None)
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "cancerinfo.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "www.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "ENQUIRY_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": "587",
        "EMAIL_USE_TLS": "true",
        "EMAIL_HOST_USER": "cancerinfo",
        "EMAIL_HOST_PASSWORD": secrets.token_urlsafe(20),
        "DONATIONS_PROVIDER": "stripe",
        "STRIPE_SECRET_KEY": "sk_live_" + secrets.token_hex(12),
        "STRIPE_WEBHOOK_SECRET": "whsec_" + secrets.token_hex(12),
        "STATIC_ROOT": str(tmp_path / "static"),
        "GUNICORN_PRELOAD": "false",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
    }


def safe_settings() -> dict:
    """The same safe configuration as settings, for checks run in this process."""
    return {
        "DEBUG": False,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": ["www.example.org"],
        "ENQUIRY_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "EMAIL_BACKEND": "cancerinfo.jobs.mail.QueuedEmailBackend",
        "EMAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
        "DONATIONS_PROVIDER": "stripe",
        "STRIPE_SECRET_KEY": "sk_live_" + secrets.token_hex(12),
        "STRIPE_WEBHOOK_SECRET": "whsec_" + secrets.token_hex(12),
        "TASKS": {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    }


# How an environment value becomes a setting (the rest are strings, None is unset).
SETTING_VALUES = {
    "ALLOWED_HOSTS": lambda v: [] if v is None else [v],
    "EMAIL_USE_TLS": lambda v: v == "true",
    "DEBUG": lambda v: v == "true",
    "SECRET_KEY": lambda v: v or "",
    "ENQUIRY_ENCRYPTION_KEY": lambda v: v or "",
}
# Environment variables that are read into a setting of another name and shape.
SETTING_OF = {
    "EMAIL_BACKEND": lambda v: ("EMAIL_DELIVERY_BACKEND", v),  # in production the worker's delivery backend
    "TASKS_BACKEND": lambda v: ("TASKS", {"default": {"BACKEND": v}}),
}


# (what is wrong, environment change, the check's id, the variable its message names)
UNSAFE = [
    ("console e-mail", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, "deployment.E005"),
    ("file e-mail", {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"}, "deployment.E005"),
    ("memory e-mail", {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}, "deployment.E005"),
    ("dummy e-mail", {"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}, "deployment.E005"),
    ("mail in clear text", {"EMAIL_USE_TLS": "false"}, "deployment.E008"),
    ("debug on", {"DEBUG": "true"}, "deployment.E011"),
    ("sandbox payments", {"DONATIONS_PROVIDER": "sandbox"}, "donations.E003"),
    (
        "jobs inside web requests",
        {"TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "jobs.E001",
    ),
    ("jobs never run", {"TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend"}, "jobs.E001"),
    ("no secret key", {"SECRET_KEY": None}, "deployment.E001"),
    ("weak secret key", {"SECRET_KEY": "changeme"}, "deployment.E002"),
    ("no allowed hosts", {"ALLOWED_HOSTS": None}, "deployment.E003"),
    ("any host allowed", {"ALLOWED_HOSTS": "*"}, "deployment.E004"),
    ("no encryption key", {"ENQUIRY_ENCRYPTION_KEY": None}, "deployment.E009"),
    ("not a Fernet key", {"ENQUIRY_ENCRYPTION_KEY": "secret"}, "deployment.E010"),
    # b"kkkK..." repeated: a Fernet key by its format, but not a random one
    (
        "predictable encryption key",
        {"ENQUIRY_ENCRYPTION_KEY": "a2trS2tra2tra2tra2tra2tra2tra2tra2tra2tra2s="},
        "deployment.E010",
    ),
]
UNSAFE_IDS = [case[0] for case in UNSAFE]
# The variable each error tells the operator to set.
VARIABLE = {
    "deployment.E001": "SECRET_KEY",
    "deployment.E002": "SECRET_KEY",
    "deployment.E003": "ALLOWED_HOSTS",
    "deployment.E004": "ALLOWED_HOSTS",
    "deployment.E005": "EMAIL_BACKEND",
    "deployment.E008": "EMAIL_USE_TLS",
    "deployment.E009": "ENQUIRY_ENCRYPTION_KEY",
    "deployment.E010": "ENQUIRY_ENCRYPTION_KEY",
    "deployment.E011": "DEBUG",
    "donations.E003": "DONATIONS_PROVIDER",
    "jobs.E001": "TASKS_BACKEND",
}
# Every unsafe setting, in as few start-ups as can hold them (some exclude each other): each start-up must name all
# of its errors, so every case is shown by check --deploy and by gunicorn.
COMBINED = [
    ["console e-mail", "sandbox payments", "no secret key", "no allowed hosts", "no encryption key", "jobs never run"],
    ["file e-mail", "weak secret key", "any host allowed", "not a Fernet key", "jobs inside web requests"],
    ["memory e-mail", "predictable encryption key"],
    ["dummy e-mail"],
    ["mail in clear text", "debug on"],
]


def combined(tmp_path, names: list[str]) -> tuple[dict, set[str]]:
    environment, expected = safe_environment(tmp_path), set()
    for what, change, check_id in UNSAFE:
        if what in names:
            environment = with_change(environment, change)
            expected.add(check_id)
    return environment, expected


def with_change(environment: dict, change: dict) -> dict:
    environment = dict(environment)
    for name, value in change.items():
        if value is None:
            environment.pop(name, None)
        else:
            environment[name] = value
    return environment


def check_deploy(environment: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_safe_production_configuration_passes_check_deploy(tmp_path):
    result = check_deploy(safe_environment(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "ERRORS" not in result.stderr


def test_every_case_is_covered_by_a_combined_start_up():
    assert sorted(sum(COMBINED, [])) == sorted(UNSAFE_IDS)


@pytest.mark.parametrize("names", COMBINED, ids=["+".join(n) for n in COMBINED])
def test_each_unsafe_setting_fails_check_deploy_with_a_named_error(tmp_path, names):
    environment, expected = combined(tmp_path, names)
    result = check_deploy(environment)
    assert result.returncode != 0
    errors = result.stderr.split("WARNINGS:")[0]
    for check_id in expected:
        assert f"({check_id})" in errors
        assert f"Set {VARIABLE[check_id]}" in errors  # the message says which variable to set


@pytest.mark.parametrize("what, change, check_id", UNSAFE, ids=UNSAFE_IDS)
def test_each_unsafe_setting_alone_is_exactly_its_own_error(settings, what, change, check_id):
    """In process, one setting at a time: nothing else is reported, so each error means what it says."""
    from django.core.checks import run_checks

    settings.PRODUCTION = True
    for name, value in safe_settings().items():
        setattr(settings, name, value)
    for name, value in change.items():
        if name in SETTING_OF:
            setattr(settings, *SETTING_OF[name](value))
        else:
            setattr(settings, name, SETTING_VALUES.get(name, lambda v: v)(value))
    errors = [m for m in run_checks(tags=["security"], include_deployment_checks=True) if m.is_serious()]
    assert [m.id for m in errors] == [check_id]
    assert f"Set {VARIABLE[check_id]}" in errors[0].hint


def test_outside_production_settings_nothing_is_refused(settings):
    from django.core.checks import run_checks

    settings.PRODUCTION = False
    settings.EMAIL_BACKEND = settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
    errors = [m for m in run_checks(tags=["security"], include_deployment_checks=True) if m.is_serious()]
    assert errors == []


def test_in_production_e_mail_is_queued_and_delivered_through_smtp_by_default(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_DELIVERY_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT)"
    )
    result = subprocess.run(
        [PYTHON, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=safe_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [
        "cancerinfo.jobs.mail.QueuedEmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "587",
    ]


def run_gunicorn(environment: dict, wait_for: str, seconds: float = 60) -> tuple[int | None, str]:
    """Start gunicorn with the shipped config; return (exit code or None if still running, its log so far)."""
    log = Path(environment["STATIC_ROOT"]).with_name(f"gunicorn-{time.monotonic_ns()}.log")
    with log.open("w") as out:
        process = subprocess.Popen(
            [GUNICORN, "-c", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=environment,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + seconds
        try:
            while time.monotonic() < deadline and process.poll() is None and wait_for not in log.read_text():
                time.sleep(0.2)
            return process.poll(), log.read_text()
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)


@pytest.mark.parametrize("names", COMBINED, ids=["+".join(n) for n in COMBINED])
def test_gunicorn_refuses_to_start_with_each_unsafe_setting(tmp_path, names):
    environment, expected = combined(tmp_path, names)
    code, log = run_gunicorn(environment, wait_for="Listening at")
    assert code == 1, log
    assert "Refusing to start" in log
    assert "Listening at" not in log
    for check_id in expected:
        assert f"({check_id})" in log


def test_gunicorn_refuses_any_deployment_error_whoever_registered_it(tmp_path):
    """Django's own checks count too: a CSRF_TRUSTED_ORIGINS entry without a scheme is Django's error 4_0.E001."""
    environment = with_change(safe_environment(tmp_path), {"CSRF_TRUSTED_ORIGINS": "www.example.org"})
    code, log = run_gunicorn(environment, wait_for="Listening at")
    assert code == 1, log
    assert "(4_0.E001)" in log


def test_gunicorn_starts_with_a_safe_configuration(tmp_path):
    code, log = run_gunicorn(safe_environment(tmp_path), wait_for="Booting worker")
    assert code is None, log  # still running: it started
    assert "Refusing to start" not in log
