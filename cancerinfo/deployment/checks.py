"""Refuse, don't warn: with production settings (PRODUCTION = True) an unsafe setting is a system check *error*.

They are deployment checks, so `manage.py check --deploy` reports them, and deploy/gunicorn.conf.py runs every
deployment check before it starts and refuses to start on any error, whichever app registered it
(`refuse_unsafe_start`). Each message names the variable to set; docs/deployment.md lists them all.
"""

import base64
import binascii
import hashlib

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

# Backends that keep mail on this machine: the console and file ones write health questions and reset links into
# the application's log or disk, locmem and dummy lose them.
LOCAL_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
QUEUE_BACKEND = "cancerinfo.jobs.mail.QueuedEmailBackend"
LOCAL_MAIL_HOSTS = {"localhost", "127.0.0.1", "::1"}
MAKE_A_SECRET = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'  # noqa: S105 - a command, not a secret
MAKE_A_FERNET_KEY = 'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'


def _production() -> bool:
    return bool(getattr(settings, "PRODUCTION", False))


def _secret_key() -> str:
    try:
        return settings.SECRET_KEY or ""
    except ImproperlyConfigured:  # Django refuses to read an empty SECRET_KEY
        return ""


def weak_secret(value: str) -> bool:
    """Django's own measure of a weak key (shorter than 50, fewer than 5 different characters, or the
    django-insecure- prefix startproject writes), and the development key."""
    return (
        len(value) < 50
        or len(set(value)) < 5
        or value.startswith("django-insecure-")
        or value.startswith("insecure-development-key")
    )


@checks.register(checks.Tags.security, deploy=True)
def secret_key_set_and_strong(app_configs=None, **kwargs):
    if not _production():
        return []
    value = _secret_key()
    if not value:
        return [
            checks.Error(
                "SECRET_KEY is not set.",
                hint=f"Set SECRET_KEY to a long random value, the same on every app server: {MAKE_A_SECRET}",
                id="deployment.E001",
            )
        ]
    if weak_secret(value):
        return [
            checks.Error(
                "SECRET_KEY is weak: shorter than 50 characters, too few different characters, or a known key.",
                hint=f"Set SECRET_KEY to a long random value: {MAKE_A_SECRET}",
                id="deployment.E002",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def debug_off(app_configs=None, **kwargs):
    if _production() and settings.DEBUG:
        return [
            checks.Error(
                "DEBUG is on: error pages would show settings, SQL and what people typed into forms.",
                hint="Set DEBUG=false (or leave it unset) on a live site.",
                id="deployment.E011",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def allowed_hosts_set(app_configs=None, **kwargs):
    if not _production():
        return []
    hosts = list(settings.ALLOWED_HOSTS)
    if not hosts:
        return [
            checks.Error(
                "ALLOWED_HOSTS is empty: every request would be refused.",
                hint="Set ALLOWED_HOSTS to the site's host names, comma-separated (e.g. www.example.org).",
                id="deployment.E003",
            )
        ]
    if "*" in hosts:
        return [
            checks.Error(
                "ALLOWED_HOSTS accepts any host ('*'): password-reset links could point at someone else's site.",
                hint="Set ALLOWED_HOSTS to the site's own host names, comma-separated (e.g. www.example.org).",
                id="deployment.E004",
            )
        ]
    return []


def delivery_backend() -> str:
    """The backend that really sends: the worker's (EMAIL_DELIVERY_BACKEND) when e-mail is queued."""
    if settings.EMAIL_BACKEND == QUEUE_BACKEND:
        return getattr(settings, "EMAIL_DELIVERY_BACKEND", settings.EMAIL_BACKEND)
    return settings.EMAIL_BACKEND


@checks.register(checks.Tags.security, deploy=True)
def email_goes_out(app_configs=None, **kwargs):
    if not _production():
        return []
    backend = delivery_backend()
    if backend in LOCAL_EMAIL_BACKENDS:
        return [
            checks.Error(
                f"EMAIL_BACKEND is {backend}: e-mail (health questions, nurse replies, password-reset links) "
                "would be written to the log or a file, or lost, instead of sent.",
                hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend (the production default) with "
                "EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD and EMAIL_USE_TLS, or a provider's "
                "backend.",
                id="deployment.E005",
            )
        ]
    try:
        import_string(backend)
    except ImportError:
        return [
            checks.Error(
                f"EMAIL_BACKEND {backend} cannot be imported.",
                hint="Install the provider's package, or set EMAIL_BACKEND to "
                "django.core.mail.backends.smtp.EmailBackend.",
                id="deployment.E006",
            )
        ]
    if backend != "django.core.mail.backends.smtp.EmailBackend":
        return []
    if settings.EMAIL_USE_TLS and settings.EMAIL_USE_SSL:
        return [
            checks.Error(
                "EMAIL_USE_TLS and EMAIL_USE_SSL are both on; they exclude each other.",
                hint="Set EMAIL_USE_TLS=true for port 587 (STARTTLS) or EMAIL_USE_SSL=true for port 465, not both.",
                id="deployment.E007",
            )
        ]
    if settings.EMAIL_HOST not in LOCAL_MAIL_HOSTS and not (settings.EMAIL_USE_TLS or settings.EMAIL_USE_SSL):
        return [
            checks.Error(
                f"E-mail to {settings.EMAIL_HOST} would cross the network unencrypted.",
                hint="Set EMAIL_USE_TLS=true (port 587) or EMAIL_USE_SSL=true (port 465).",
                id="deployment.E008",
            )
        ]
    return []


def _fernet_key_bytes(key: str) -> bytes | None:
    try:
        raw = base64.urlsafe_b64decode(key.encode())
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == 32 else None


def weak_encryption_key(key: str) -> bool:
    """Not a Fernet key, visibly not random (a random 32-byte key has about 28 different bytes), or the key the
    development settings derive from SECRET_KEY."""
    raw = _fernet_key_bytes(key)
    if raw is None or len(set(raw)) < 16:
        return True
    derived = hashlib.sha256(b"cancerinfo-enquiries-dev-key:" + _secret_key().encode()).digest()
    return raw == derived


@checks.register(checks.Tags.security, deploy=True)
def enquiry_encryption_key_set_and_strong(app_configs=None, **kwargs):
    if not _production():
        return []
    keys = [part.strip() for part in (settings.ENQUIRY_ENCRYPTION_KEY or "").split(",") if part.strip()]
    if not keys:
        return [
            checks.Error(
                "ENQUIRY_ENCRYPTION_KEY is not set: questions to nurses are health data and must be encrypted.",
                hint=f"Set ENQUIRY_ENCRYPTION_KEY to a Fernet key (docs/enquiries.md): {MAKE_A_FERNET_KEY}",
                id="deployment.E009",
            )
        ]
    if any(weak_encryption_key(key) for key in keys):
        return [
            checks.Error(
                "ENQUIRY_ENCRYPTION_KEY holds a key that is not a random Fernet key (32 url-safe base64 bytes).",
                hint=f"Set ENQUIRY_ENCRYPTION_KEY to keys made with: {MAKE_A_FERNET_KEY}",
                id="deployment.E010",
            )
        ]
    return []


class UnsafeDeployment(SystemExit):
    """Raised to stop a server starting; carries the report."""


def refuse_unsafe_start() -> None:
    """Run every check, deployment ones included, and stop with a report if any is an error (silenced ones
    excepted, as Django does). For servers: deploy/gunicorn.conf.py calls it before it starts listening."""
    import django

    django.setup()
    from django.core.checks import run_checks

    messages = run_checks(include_deployment_checks=True)
    errors = [message for message in messages if message.is_serious() and not message.is_silenced()]
    if errors:
        lines = ["Refusing to start: these settings are unsafe for a live site."]
        lines += [f"  {message}" for message in errors]  # each with its hint: the variable to set
        raise UnsafeDeployment("\n".join(lines))
