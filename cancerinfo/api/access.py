"""Who may call the API, and how often: anonymous callers by their address, partners by their key.

ApiAccessMiddleware stands in front of every /api/v1/ endpoint (the OpenAPI description itself is free):

- A key comes in `X-API-Key: <key>` or `Authorization: Bearer <key>`. A key we never issued, or one that is revoked,
  is a 401 with a JSON message and the terms of reuse: never silently served as anonymous. Guesses count against the
  address's anonymous allowance, so guessing is throttled like anything else.
- Allowances are fixed windows (a minute, a day...) aligned to the clock, counted in the cache with atomic
  increments (delivery/throttle.py's Throttle): anonymous callers per address (API_ANONYMOUS_RATE), partners per key
  (API_PARTNER_RATE, or the key's own limits). Over one: a 429 with Retry-After. Every answer says where the caller
  stands in `RateLimit-Policy` and `RateLimit` headers (draft-ietf-httpapi-ratelimit-headers).
- A partner's requests are counted per day for the admin (partners/usage.py), in the cache.

An anonymous request costs cache reads and writes only, so a 304 revalidation still costs no query; a partner's
key is looked up once and then kept in the cache until a key changes (partners/keys.py).
"""

import copy
import math
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core import checks
from ninja import NinjaAPI

from cancerinfo.delivery.throttle import Throttle, address_hash
from cancerinfo.partners import interface as partners

from . import conditional

PROTECTED_PREFIX = "/api/v1/"
FREE_PATHS = {"/api/v1/openapi.json"}
KEY_HEADER = "X-API-Key"
REALM = 'Bearer realm="CancerInfo content API"'
WINDOWS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
RATE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour|day)\s*$")
EXPOSED_HEADERS = "ETag, Last-Modified, Link, RateLimit, RateLimit-Policy, Retry-After"


def _now() -> float:
    return time.time()


def parse_rates(value: str) -> dict[str, int]:
    """ "30/minute,1000/day" -> {"minute": 30, "day": 1000}."""
    rates = {}
    for part in (value or "").split(","):
        if not part.strip():
            continue
        match = RATE.match(part)
        if not match or int(match[1]) < 1:
            raise ValueError(f"{part.strip()!r} is not a rate such as 60/minute or 1000/day")
        rates[match[2]] = int(match[1])
    return rates


@dataclass
class Policy:
    """The allowance of one caller: (window name, limit) pairs, shortest window first."""

    subject: str  # what is counted: the key, or the address's keyed hash
    limits: list[tuple[str, int]]
    states: list[tuple[str, int, int, int]] = field(default_factory=list)  # (name, limit, remaining, reset)
    retry_after: int | None = None

    def admit(self) -> bool:
        """Count this request in each window, shortest first; False (and retry_after) as soon as one is used up."""
        now = _now()
        for name, limit in self.limits:
            seconds = WINDOWS[name]
            window = int(now // seconds)
            used = Throttle(f"api-{name}", limit, seconds).record(None, f"{self.subject}:{window}")
            used = used or 0  # the cache is down: serve rather than refuse everyone
            reset = max(1, math.ceil((window + 1) * seconds - now))
            self.states.append((name, limit, max(0, limit - used), reset))
            if used > limit:
                self.retry_after = reset
                return False
        return True

    def headers(self, response) -> None:
        response["RateLimit-Policy"] = ", ".join(f'"{name}";q={limit};w={WINDOWS[name]}' for name, limit in self.limits)
        if self.states:
            response["RateLimit"] = ", ".join(
                f'"{n}";r={remaining};t={reset}' for n, _, remaining, reset in self.states
            )
        if self.retry_after is not None:
            response["Retry-After"] = str(self.retry_after)
        response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS


def anonymous_policy(request) -> Policy:
    limits = parse_rates(settings.API_ANONYMOUS_RATE)
    return Policy(f"address-{address_hash(request)}", sorted(limits.items(), key=lambda item: WINDOWS[item[0]]))


def partner_policy(partner) -> Policy:
    limits = parse_rates(settings.API_PARTNER_RATE)
    if partner.per_minute:
        limits["minute"] = partner.per_minute
    if partner.per_day:
        limits["day"] = partner.per_day
    return Policy(f"key-{partner.id}", sorted(limits.items(), key=lambda item: WINDOWS[item[0]]))


def docs_context() -> dict:
    """For the docs page (/api/): the limits as sentences, and where to ask for a key."""
    from cancerinfo.enquiries.interface import contact_links

    def said(rates: dict[str, int]) -> str:
        parts = [f"{limit:,} a {name}" for name, limit in sorted(rates.items(), key=lambda item: WINDOWS[item[0]])]
        parts[0] = parts[0].replace(" a ", " requests a ", 1)
        return " and ".join(parts)

    links = contact_links()
    return {
        "anonymous_limits": said(parse_rates(settings.API_ANONYMOUS_RATE)),
        "partner_limits": said(parse_rates(settings.API_PARTNER_RATE)),
        "ask_url": links.write_to_us_url if links else None,
        "ask_email": settings.ENQUIRY_CONTACT_ROUTES.get("website", ""),
        "key_header": KEY_HEADER,
    }


class KeyRefused(Exception):
    pass


def presented_key(request) -> str | None:
    """The key the request carries, None when it carries none; KeyRefused when it is sent in a way we cannot read."""
    header = request.headers.get(KEY_HEADER)
    authorization = request.headers.get("Authorization")
    bearer = None
    if authorization is not None:
        scheme, _, value = authorization.strip().partition(" ")
        if scheme.lower() == "bearer":
            bearer = value.strip()
        elif scheme.lower() != "basic":  # Basic belongs to a proxy in front of a staging site, not to us
            raise KeyRefused(f"Send your key as '{KEY_HEADER}: <key>' or 'Authorization: Bearer <key>'.")
    if header is not None and bearer is not None and header.strip() != bearer:
        raise KeyRefused(f"Two different keys were sent ({KEY_HEADER} and Authorization). Send one.")
    key = header if header is not None else bearer
    if key is None:
        return None
    key = key.strip()
    if not key:
        raise KeyRefused("The API key is empty.")
    return key


def _refuse_key(request, message: str):
    """401, unless the address has used up its anonymous allowance on guesses (then 429)."""
    policy = anonymous_policy(request)
    if not policy.admit():
        return _over_limit(request, policy)
    response = conditional.error(request, 401, f"{message} Ask for a key or see the terms: /api/#keys.")
    response["WWW-Authenticate"] = f'{REALM}, error="invalid_token"'
    policy.headers(response)
    response._has_been_logged = True
    return response


def _over_limit(request, policy: Policy):
    window = policy.states[-1][0]
    message = f"Too many requests: the limit is {policy.states[-1][1]} a {window}. Try again in {policy.retry_after}"
    response = conditional.error(request, 429, f"{message} seconds, or ask for a partner key: /api/#keys.")
    policy.headers(response)
    response._has_been_logged = True  # an expected answer: one log line per refused request would drown the log
    return response


class ApiAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not path.startswith(PROTECTED_PREFIX) or path in FREE_PATHS:
            return self.get_response(request)
        try:
            key = presented_key(request)
        except KeyRefused as refused:
            return _refuse_key(request, str(refused))
        partner = None
        if key is not None:
            partner = partners.find(key) if partners.looks_like_a_key(key) else None
            if partner is None:
                return _refuse_key(request, "This API key is not one of ours.")
            if partner.revoked_on:
                return _refuse_key(request, f"This API key was revoked on {partner.revoked_on}.")
        policy = partner_policy(partner) if partner else anonymous_policy(request)
        if not policy.admit():
            if partner:
                partners.record_use(partner.id, refused=True)
            return _over_limit(request, policy)
        if partner:
            partners.record_use(partner.id)
        response = self.get_response(request)
        policy.headers(response)
        return response


# The OpenAPI description: the key is optional (anonymous use is allowed), and every operation may answer 401 (a bad
# key) or 429 (over the limit) with the usual error body.
SECURITY_SCHEMES = {
    "ApiKey": {
        "type": "apiKey", "in": "header", "name": KEY_HEADER,
        "description": "A partner's key (made by our staff, see /api/#keys). Without one, the anonymous limit applies.",
    },
    "BearerKey": {"type": "http", "scheme": "bearer", "description": "The same key, as 'Authorization: Bearer <key>'."},
}  # fmt: skip
_RATE_HEADERS = {
    "RateLimit-Policy": {
        "description": "The caller's allowances (quota q in window w seconds).", "schema": {"type": "string"},
    },
    "RateLimit": {
        "description": "Requests remaining (r) in each window, and seconds until it resets (t).",
        "schema": {"type": "string"},
    },
}  # fmt: skip
ACCESS_RESPONSES = {
    "401": {
        "description": "The API key sent is unknown, revoked or unreadable. Send none to be served anonymously.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    },
    "429": {
        "description": "Over the caller's limit: wait Retry-After seconds.",
        "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "string"}}, **_RATE_HEADERS},
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    },
}


KEYS_DESCRIPTION = """

Keys and limits: without a key, each address has a low limit; partners send their key as `X-API-Key` or
`Authorization: Bearer` for a higher one (ask for a key: /api/#keys). An unknown or revoked key is a `401`. Over a
limit: `429` with `Retry-After`. Every answer has `RateLimit-Policy` and `RateLimit` headers."""


class ContentAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI description declares the key and the 401 and 429 answers of every operation."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema["info"]["description"] += KEYS_DESCRIPTION
        schema["components"].setdefault("securitySchemes", {}).update(SECURITY_SCHEMES)
        for path, operations in schema["paths"].items():
            if path.endswith("/openapi.json"):
                continue
            for operation in operations.values():
                operation["security"] = [{}, {"ApiKey": []}, {"BearerKey": []}]
                for status, response in ACCESS_RESPONSES.items():
                    operation.setdefault("responses", {}).setdefault(status, copy.deepcopy(response))
                for response in operation["responses"].values():
                    headers = response.setdefault("headers", {})
                    for name, header in _RATE_HEADERS.items():
                        headers.setdefault(name, header)
        return schema


@checks.register(checks.Tags.compatibility)
def rates_are_readable(app_configs=None, **kwargs):
    errors = []
    for name in ("API_ANONYMOUS_RATE", "API_PARTNER_RATE"):
        try:
            if not parse_rates(getattr(settings, name)):
                raise ValueError("no rate is given")
        except ValueError as error:
            errors.append(checks.Error(f"{name}: {error}.", hint="e.g. 30/minute,1000/day", id="cancerinfo.E040"))
    return errors
