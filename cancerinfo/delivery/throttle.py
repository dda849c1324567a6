"""One throttle for every public form, and the client's address as the proxies we trust saw it.

The client address: with TRUSTED_PROXY_COUNT = 0 the address that connected to Django (REMOTE_ADDR). Behind N
proxies that each *append* the address they saw to X-Forwarded-For (nginx's $proxy_add_x_forwarded_for), the client
is the Nth entry from the right: everything further left was written by the client and is never believed. IPv6
clients are counted by their /64 network, since one household or phone holds a whole /64.

Counters live in Django's cache under a keyed hash of the address (the address itself is never stored), one counter
per scope and fixed window. Callers decide what counts: genuine submissions do; honeypot and other spam hits do not,
so a robot behind the same address as a person never uses up that person's allowance.
"""

import hashlib
import hmac
import ipaddress
import logging
import os
from dataclasses import dataclass

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from redis.exceptions import RedisError

from . import versions

UNKNOWN = "unknown"
logger = logging.getLogger(__name__)


def _parse(value: str) -> str | None:
    """A normalised address (IPv6 as its /64 network), or None when `value` is not an IP address."""
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.9:443
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def client_address(request) -> str:
    """The visitor's address, taken from the right end of X-Forwarded-For past TRUSTED_PROXY_COUNT proxies."""
    remote = _parse(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
    hops = max(0, int(getattr(settings, "TRUSTED_PROXY_COUNT", 0)))
    if hops == 0:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [part for part in chain if part]
    if len(chain) < hops:
        # The request did not pass through every proxy we trust: believe only the one that connected.
        return remote
    return _parse(chain[-hops]) or remote


def client_ip_for_records(request) -> str | None:
    """client_address as one IP address, for tables with an address column (django-axes): an IPv6 visitor's /64
    network becomes its first address, and an unknown address is stored as none rather than failing the insert."""
    address = client_address(request)
    if address == UNKNOWN:
        return None
    return str(ipaddress.ip_network(address, strict=False).network_address)


def address_hash(request) -> str:
    """The client address, keyed-hashed: cache keys and log lines never hold the address itself."""
    key = hashlib.sha256(b"cancerinfo-throttle:" + settings.SECRET_KEY.encode()).digest()
    return hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()[:32]


def count(key: str, window: int, amount: int = 1) -> int:
    """Add `amount` (one by default) to the counter `key`, which lives `window` seconds from its first count, and
    return its new value.

    On Redis it is one round trip (SET NX with the expiry, then INCR, in one MULTI): the content API counts every
    request, and the generic add-then-increment cost three. When it is the request's first cache read, the
    request's version tokens ride along (versions.read_along). Elsewhere it is Django's add and incr."""
    redis_client = getattr(getattr(cache, "client", None), "get_client", None)  # django-redis only
    if redis_client is not None:
        try:
            stored = cache.make_key(key)
            pipeline = redis_client(write=True).pipeline(transaction=True)
            pipeline.set(stored, 0, ex=window, nx=True)
            pipeline.incr(stored, amount)
            tokens = versions.read_along(pipeline, cache)
            replies = pipeline.execute()
            if tokens is not None:
                tokens(replies[2])
            return int(replies[1])
        except RedisError:
            logger.warning("Throttle: Redis could not count; the request is let through.")
            return 0
    if cache.add(key, amount, window):
        return amount
    try:
        return cache.incr(key, amount) or 0
    except ValueError:  # expired between add and incr
        cache.add(key, amount, window)
        return amount


@dataclass(frozen=True)
class Throttle:
    """At most `limit` counted actions per client address per `window` seconds, for one scope (one form).

    limit and window name settings (read at call time, so tests and deployments can change them) or are numbers.
    """

    scope: str
    limit: str | int
    window: str | int = 3600

    def _limit(self) -> int:
        return int(getattr(settings, self.limit) if isinstance(self.limit, str) else self.limit)

    def _window(self) -> int:
        return int(getattr(settings, self.window) if isinstance(self.window, str) else self.window)

    def key(self, request, subject: str | None = None) -> str:
        """The counter's key. `subject` (already hashed or harmless) counts something other than the address."""
        return f"throttle:{self.scope}:{subject or address_hash(request)}"

    def used(self, request, subject: str | None = None) -> int:
        return cache.get(self.key(request, subject)) or 0

    def blocked(self, request, subject: str | None = None) -> bool:
        """True when this client has used its allowance (nothing is counted)."""
        return self.used(request, subject) >= self._limit()

    def record(self, request, subject: str | None = None) -> int:
        """Count one action; returns the count in the current window (0 when the cache cannot count)."""
        return count(self.key(request, subject), self._window())

    def attempt(self, request, subject: str | None = None) -> bool:
        """Count one action and say whether it is within the allowance (for actions counted before they run)."""
        return self.record(request, subject) <= self._limit()


# Every public form's allowance, in one place. The settings are documented in cancerinfo/settings/base.py.
ASK_A_NURSE = Throttle("ask", "ENQUIRY_RATE_LIMIT_PER_HOUR")
WRITE_TO_US = Throttle("contact", "ENQUIRY_RATE_LIMIT_PER_HOUR")
FEEDBACK = Throttle("feedback", "FEEDBACK_RATE_LIMIT_PER_HOUR")
DONATION_START = Throttle("donation-start", "DONATIONS_START_LIMIT", "DONATIONS_START_WINDOW_SECONDS")
ORDER = Throttle("order", "PUBLICATIONS_ORDERS_PER_CLIENT_PER_DAY", 24 * 3600)
PRESCRIPTION = Throttle("prescription", "PRESCRIPTIONS_PER_HOUR")
PROFESSIONAL_SIGN_IN = Throttle("professional-sign-in", "PRESCRIPTIONS_SIGN_IN_PER_HOUR")
TRIAL_ALERT = Throttle("trial-alert", "TRIAL_ALERTS_PER_HOUR")
TRIAL_ALERT_ADDRESS = Throttle("trial-alert-address", "TRIAL_ALERTS_PER_ADDRESS_PER_DAY", 24 * 3600)


RETIRED_VARIABLES = ("ENQUIRY_CLIENT_IP_HEADER", "FEEDBACK_CLIENT_IP_HEADER", "DONATIONS_TRUSTED_PROXY_HOPS")


@checks.register(checks.Tags.security)
def retired_address_settings(app_configs=None, **kwargs):
    """The old per-app address settings are no longer read; say so rather than silently ignore them."""
    return [
        checks.Warning(
            f"{name} is no longer read.",
            hint="Set TRUSTED_PROXY_COUNT to the number of proxies in front of the app (1 behind the shipped nginx).",
            id="cancerinfo.W010",
        )
        for name in RETIRED_VARIABLES
        if name in os.environ
    ]
