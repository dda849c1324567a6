"""Making keys, and finding the partner a presented key belongs to.

A key is "cik_" and 40 random URL-safe characters (240 bits): too many to guess, so a fast hash (SHA-256) is enough
to keep, as GitHub and Stripe do for their tokens; a slow password hash would cost every request. The partner behind a
hash is kept in the cache under the "partner-keys" version token (delivery/versions.py), which every save of a key
moves: a revoked key is refused on the next request, in every process, and a known key costs no query.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass

from django.core.cache import cache

from cancerinfo.delivery import versions

from .models import PartnerKey

KEY_PREFIX = "cik_"
PREFIX_LENGTH = 12  # "cik_" and 8 characters: enough to tell keys apart, nothing to guess with
VERSION = "partner-keys"
LOOKUP_SECONDS = 24 * 3600
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,100}$")
_UNKNOWN = "unknown"


@dataclass(frozen=True)
class Partner:
    """What a request needs to know about the key it came with."""

    id: int
    organisation: str
    prefix: str
    per_minute: int | None
    per_day: int | None
    revoked_on: str | None  # ISO date when revoked


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(30)


def give_key(key: PartnerKey, by=None) -> str:
    """Give a new PartnerKey its key (the caller saves it); returns the key, which is never stored."""
    raw = new_key()
    key.key_hash = hash_key(raw)
    key.prefix = raw[:PREFIX_LENGTH]
    key.created_by = by if by is not None and by.is_authenticated else None
    return raw


def issue(key: PartnerKey, by=None) -> str:
    """Give a new PartnerKey its key and save it; returns the key."""
    raw = give_key(key, by)
    key.save()
    return raw


def looks_like_a_key(value: str) -> bool:
    return bool(KEY_PATTERN.match(value))


def find(key: str) -> Partner | None:
    """The partner this key belongs to (revoked or not), or None for a key we never issued."""
    digest = hash_key(key)
    cache_key = f"partners:key:{versions.get(VERSION)}:{digest}"
    found = cache.get(cache_key)
    if found is None:
        row = (
            PartnerKey.objects.filter(key_hash=digest)
            .values("id", "organisation", "prefix", "per_minute", "per_day", "revoked_at")
            .first()
        )
        found = _UNKNOWN
        if row is not None:
            revoked = row.pop("revoked_at")
            found = {**row, "revoked_on": revoked.date().isoformat() if revoked else None}
        cache.set(cache_key, found, LOOKUP_SECONDS)  # plain values: a new release still reads them
    return None if found == _UNKNOWN else Partner(**found)


def keys_changed() -> None:
    """A key was made, changed, revoked or deleted: every process looks keys up afresh."""
    versions.bump(VERSION)
