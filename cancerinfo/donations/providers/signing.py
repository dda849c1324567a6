"""Stripe's webhook signature scheme, shared by the sandbox provider.

The header reads ``t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the endpoint secret>``;
there may be several v1 values while a secret is being rolled.
"""

import hashlib
import hmac
import time


class SignatureError(Exception):
    """The delivery is not signed by the provider, or is too old to trust."""


def compute_signature(payload: bytes, secret: str, timestamp: int) -> str:
    signed = f"{timestamp}.".encode() + payload
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def sign(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """The signature header for a payload, as the provider would send it."""
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    return f"t={timestamp},v1={compute_signature(payload, secret, timestamp)}"


def parse_header(header: str) -> tuple[int, list[str]]:
    timestamp = None
    signatures = []
    for item in (header or "").split(","):
        key, sep, value = item.strip().partition("=")
        if not sep:
            continue
        if key == "t":
            if not value.isdigit() or len(value) > 12:
                raise SignatureError("The signature timestamp is not a number.")
            timestamp = int(value)
        elif key == "v1" and value:
            signatures.append(value)
    if timestamp is None or not signatures:
        raise SignatureError("The signature header is missing or malformed.")
    return timestamp, signatures


def verify(payload: bytes, header: str, secret: str, tolerance: int = 300, now: float | None = None) -> int:
    """Check the signature and its age; return the signed timestamp. Raise SignatureError otherwise."""
    if not secret:
        raise SignatureError("No webhook secret is configured.")
    timestamp, signatures = parse_header(header)
    expected = compute_signature(payload, secret, timestamp)
    if not any(hmac.compare_digest(expected, candidate) for candidate in signatures):
        raise SignatureError("The signature does not match.")
    now = time.time() if now is None else now
    if timestamp < now - tolerance:
        raise SignatureError("The signature is too old.")
    if timestamp > now + tolerance:
        raise SignatureError("The signature is dated in the future.")
    return timestamp


def signature_digest(header: str) -> str:
    """A short fingerprint of one signed delivery, to spot the same request sent again."""
    return hashlib.sha256((header or "").strip().encode()).hexdigest()
