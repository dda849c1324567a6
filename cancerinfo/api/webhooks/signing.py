"""Webhook signatures: HMAC-SHA256 of "<unix time>.<body>" with the subscription's secret, sent as

    X-CancerInfo-Signature: t=1765054800,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd

The time is signed with the body, so a receiver that refuses old times (more than 5 minutes) refuses replays.
`verify` is what a partner runs; the /api/ page and docs/decisions/content-api.md show it in a few lines.
"""

import hashlib
import hmac
import secrets
import time

HEADER = "X-CancerInfo-Signature"
TOLERANCE_SECONDS = 300


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def _mac(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def sign(secret: str, body: bytes, timestamp: int | None = None) -> str:
    """The header's value for this body, signed now (or at `timestamp`)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={_mac(secret, timestamp, body)}"


def verify(secret: str, header: str, body: bytes, tolerance: int = TOLERANCE_SECONDS, now: float | None = None) -> bool:
    """True when `header` signs exactly `body` with `secret`, at a time within `tolerance` seconds of now."""
    timestamp, signatures = None, []
    for part in (header or "").split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1":
            signatures.append(value)
    if timestamp is None or not signatures:
        return False
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        return False
    expected = _mac(secret, timestamp, body)
    return any(hmac.compare_digest(expected, signature) for signature in signatures)
