"""Encryption at rest for personal data and a keyed hash of e-mail addresses.

Enquiries (special category health data) use it, and so do the e-mails waiting to be sent (jobs) and the backups' key
check: it sits with the deployment's safety rules, so none of those apps imports another for it.

Keys come from the environment: ENQUIRY_ENCRYPTION_KEY holds one or more Fernet keys separated by commas. The first
encrypts; all of them decrypt, so a key can be rotated by putting the new one first (then re-save old rows with
`manage.py reencrypt_enquiries`). Make a key with:

    python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"

Without the variable, a key derived from SECRET_KEY is used, but only when DEBUG is on or under the test settings;
anywhere else the first use raises ImproperlyConfigured (and production refuses to start without it:
deployment.E009, cancerinfo/deployment/checks.py).
"""

import base64
import hashlib
import hmac
import os
import sys
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - every Fernet token starts with this (version byte + timestamp)


def _running_tests() -> bool:
    module = getattr(settings, "SETTINGS_MODULE", None) or os.environ.get("DJANGO_SETTINGS_MODULE", "")
    return module.endswith("settings.test") or "pytest" in sys.modules


def _development_key() -> bytes:
    digest = hashlib.sha256(b"cancerinfo-enquiries-dev-key:" + settings.SECRET_KEY.encode()).digest()
    return base64.urlsafe_b64encode(digest)


@cache
def _keys() -> tuple[bytes, ...]:
    raw = getattr(settings, "ENQUIRY_ENCRYPTION_KEY", "") or ""
    keys = tuple(part.strip().encode() for part in raw.split(",") if part.strip())
    if keys:
        for key in keys:
            try:
                Fernet(key)
            except (ValueError, TypeError) as exc:
                raise ImproperlyConfigured(
                    "ENQUIRY_ENCRYPTION_KEY must be Fernet keys (32 url-safe base64 bytes), separated by commas."
                ) from exc
        return keys
    if settings.DEBUG or _running_tests():
        return (_development_key(),)
    raise ImproperlyConfigured("Set ENQUIRY_ENCRYPTION_KEY: enquiries are health data and must be encrypted.")


@cache
def _fernet() -> MultiFernet:
    return MultiFernet([Fernet(key) for key in _keys()])


def reset_keys() -> None:
    """Forget the cached keys (tests that change the setting)."""
    _keys.cache_clear()
    _fernet.cache_clear()


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        # Never include the value: it may be someone's question.
        raise ValueError("An enquiry field could not be decrypted: is ENQUIRY_ENCRYPTION_KEY right?") from exc


def rotate(token: str) -> str:
    return _fernet().rotate(token.encode()).decode()


def lookup_hash(email: str) -> str:
    """A keyed hash of a normalised e-mail address, so we can find a person's enquiries without decrypting them all."""
    key = hashlib.sha256(b"cancerinfo-enquiries-lookup:" + _keys()[-1]).digest()
    normalised = email.strip().lower().encode()
    return hmac.new(key, normalised, hashlib.sha256).hexdigest()
