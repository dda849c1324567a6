"""Keys and limits: anonymous callers get a low limit per address, partners a higher one per key; an unknown or
revoked key is refused with a 401, never served as anonymous; over the limit is a 429 with Retry-After. Every refusal
carries the terms of reuse, and the OpenAPI description declares the key and the 401 and 429 answers."""

import hashlib

import pytest
from django.test import Client

from cancerinfo.api import access
from cancerinfo.enquiries.interface import contact_links
from cancerinfo.partners.keys import issue
from cancerinfo.partners.models import PartnerKey

pytestmark = pytest.mark.django_db

URL = "/api/v1/glossary/"
NOON = 1_800_000_000 - 1_800_000_000 % 86_400 + 43_200  # a fixed moment, 12:00 UTC, for windows aligned to the clock


@pytest.fixture
def clock(monkeypatch):
    """The limiter's clock, fixed (the test moves it), so no test straddles a window by chance."""
    now = {"t": float(NOON)}
    monkeypatch.setattr(access, "_now", lambda: now["t"])
    return now


@pytest.fixture
def limits(settings, clock):
    settings.API_ANONYMOUS_RATE = "3/minute,10/day"
    settings.API_PARTNER_RATE = "8/minute,20/day"


def make_key(organisation="Health Partners Ltd", **fields) -> tuple[PartnerKey, str]:
    key = PartnerKey(organisation=organisation, contact_email="api@partner.example", **fields)
    raw = issue(key)
    return key, raw


def get(client, url=URL, address="203.0.113.7", **headers):
    return client.get(url, REMOTE_ADDR=address, **headers)


def assert_error(response, status, words):
    assert response.status_code == status
    body = response.json()
    assert body["error"]["status"] == status
    assert words in body["error"]["message"]
    assert body["terms"]["licence"]["name"] and body["terms"]["terms_url"].endswith("/api/#terms-of-reuse")
    assert 'rel="license"' in response["Link"]
    assert response["Cache-Control"] == "no-store"


# --- Anonymous callers ---


def test_an_anonymous_caller_over_the_limit_gets_a_429_with_retry_after_and_the_terms(client, content, limits, clock):
    clock["t"] = NOON + 45  # 15 seconds before the minute ends
    for remaining in (2, 1, 0):
        response = get(client)
        assert response.status_code == 200
        assert response["RateLimit-Policy"] == '"minute";q=3;w=60, "day";q=10;w=86400'
        assert response["RateLimit"].startswith(f'"minute";r={remaining};t=15')
    refused = get(client)
    assert_error(refused, 429, "the limit is 3 a minute")
    assert refused["Retry-After"] == "15"
    assert "Retry-After" in refused["Access-Control-Expose-Headers"]
    assert "items" not in refused.json()
    # Another address has its own allowance; the next minute starts afresh.
    assert get(client, address="198.51.100.2").status_code == 200
    clock["t"] = NOON + 60
    assert get(client).status_code == 200


def test_the_daily_limit_counts_across_minutes_and_says_when_the_day_ends(client, content, limits, clock):
    served = 0
    for minute in range(4):
        clock["t"] = NOON + 60 * minute
        served += sum(get(client).status_code == 200 for _ in range(3))
    assert served == 10  # 3 a minute, but 10 a day
    clock["t"] = NOON + 60 * 5
    refused = get(client)
    assert_error(refused, 429, "the limit is 10 a day")
    assert refused["Retry-After"] == str(12 * 3600 - 5 * 60)  # until midnight UTC


def test_requests_refused_by_the_minute_limit_do_not_use_up_the_day(client, content, limits, clock):
    for _ in range(8):
        get(client)  # 3 served, 5 refused
    clock["t"] = NOON + 60
    for _ in range(3):
        assert get(client).status_code == 200
    clock["t"] = NOON + 120
    assert get(client)["RateLimit"] == f'"minute";r=2;t=60, "day";r=3;t={12 * 3600 - 120}'


def test_the_description_and_the_docs_are_free_of_the_limit(client, content, limits):
    for _ in range(5):
        get(client)
    assert get(client).status_code == 429
    assert get(client, "/api/v1/openapi.json").status_code == 200
    assert get(client, "/api/").status_code == 200


# --- Partners ---


def test_a_partner_gets_more_than_an_anonymous_caller(client, content, limits):
    _, raw = make_key()
    statuses = [get(client, HTTP_X_API_KEY=raw).status_code for _ in range(9)]
    assert statuses == [200] * 8 + [429]
    assert get(client, HTTP_X_API_KEY=raw)["RateLimit-Policy"] == '"minute";q=8;w=60, "day";q=20;w=86400'
    # The same address without the key still has its own, lower, allowance.
    assert [get(client).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_a_key_with_its_own_limits_gets_those(client, content, limits):
    _, raw = make_key(per_minute=12, per_day=500)
    statuses = [get(client, HTTP_X_API_KEY=raw).status_code for _ in range(13)]
    assert statuses == [200] * 12 + [429]
    refused = get(client, HTTP_X_API_KEY=raw)
    assert_error(refused, 429, "the limit is 12 a minute")
    assert refused["RateLimit-Policy"] == '"minute";q=12;w=60, "day";q=500;w=86400'


def test_partners_are_counted_per_key_not_per_address(client, content, limits):
    _, first = make_key("First")
    _, second = make_key("Second")
    assert [get(client, HTTP_X_API_KEY=first).status_code for _ in range(9)][-1] == 429
    assert get(client, HTTP_X_API_KEY=second).status_code == 200
    assert get(client, address="192.0.2.50", HTTP_X_API_KEY=first).status_code == 429


def test_the_key_may_come_as_a_bearer_token(client, content, limits):
    _, raw = make_key()
    response = get(client, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200 and response.json()["items"]
    assert "q=8" in response["RateLimit-Policy"]


@pytest.mark.parametrize(
    "headers, words",
    [
        ({"HTTP_X_API_KEY": "cik_" + "x" * 40}, "not one of ours"),
        ({"HTTP_X_API_KEY": "not a key!"}, "not one of ours"),
        ({"HTTP_AUTHORIZATION": "Bearer cik_" + "y" * 40}, "not one of ours"),
        ({"HTTP_X_API_KEY": "  "}, "The API key is empty"),
        ({"HTTP_AUTHORIZATION": "Token abc"}, "Authorization: Bearer <key>"),
    ],
)
def test_an_unknown_or_unreadable_key_is_a_401_never_anonymous(client, content, limits, headers, words):
    response = get(client, **headers)
    assert_error(response, 401, words)
    assert "/api/#keys" in response.json()["error"]["message"]
    assert response["WWW-Authenticate"].startswith('Bearer realm="CancerInfo content API"')


def test_two_different_keys_are_refused(client, content, limits):
    _, first = make_key("First")
    _, second = make_key("Second")
    assert_error(get(client, HTTP_X_API_KEY=first, HTTP_AUTHORIZATION=f"Bearer {second}"), 401, "Send one")
    assert get(client, HTTP_X_API_KEY=first, HTTP_AUTHORIZATION=f"Bearer {first}").status_code == 200


def test_guessing_keys_uses_up_the_address_anonymous_allowance(client, content, limits):
    for n in range(3):
        assert get(client, HTTP_X_API_KEY=f"cik_guess{n:040d}").status_code == 401
    assert_error(get(client, HTTP_X_API_KEY="cik_guess" + "9" * 40), 429, "Too many requests")
    assert get(client).status_code == 429


def test_a_revoked_key_is_refused_on_the_next_request(client, content, limits, django_assert_num_queries):
    key, raw = make_key()
    assert get(client, HTTP_X_API_KEY=raw).status_code == 200
    with django_assert_num_queries(0):  # the key is now known from the cache...
        assert get(client, HTTP_X_API_KEY=raw, HTTP_IF_NONE_MATCH="x").status_code == 200
    key.revoke()  # ...yet the next request sees the revocation
    refused = get(client, HTTP_X_API_KEY=raw)
    assert_error(refused, 401, f"This API key was revoked on {key.revoked_at.date().isoformat()}")
    assert "items" not in refused.json()
    # Anonymous use goes on as before: the caller must drop the key, we never drop it for them.
    assert get(client).status_code == 200


def test_a_key_made_after_its_hash_was_asked_for_works_at_once(client, content, limits, monkeypatch):
    raw = "cik_" + "k" * 40
    assert get(client, HTTP_X_API_KEY=raw).status_code == 401  # remembered as unknown
    monkeypatch.setattr("cancerinfo.partners.keys.new_key", lambda: raw)
    make_key()
    assert get(client, HTTP_X_API_KEY=raw).status_code == 200


# --- The 304 path stays cheap --------------------------------------------------------------------------------------


def test_a_partner_revalidation_costs_one_query_for_a_new_key_and_none_after(
    client, content, django_assert_num_queries
):
    _, raw = make_key()
    first = client.get("/api/v1/sections/")
    with django_assert_num_queries(1):  # the key's look-up
        assert client.get("/api/v1/sections/", HTTP_X_API_KEY=raw, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    with django_assert_num_queries(0):
        again = client.get("/api/v1/sections/", HTTP_X_API_KEY=raw, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and "RateLimit" in again


def test_an_anonymous_revalidation_still_costs_no_query(client, content, django_assert_num_queries):
    first = client.get("/api/v1/sections/")
    with django_assert_num_queries(0):
        again = client.get("/api/v1/sections/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["RateLimit-Policy"]


# --- Stored as a hash ---


def test_only_a_hash_and_a_short_prefix_of_the_key_are_stored(content):
    key, raw = make_key()
    stored = PartnerKey.objects.filter(pk=key.pk).values().get()
    assert raw not in " ".join(str(value) for value in stored.values())
    assert stored["key_hash"] == hashlib.sha256(raw.encode()).hexdigest()
    assert stored["prefix"] == raw[:12] and raw.startswith("cik_") and len(raw) == 44
    # Two keys never share a hash: each is 240 random bits.
    assert make_key()[1] != raw


# --- The description and the docs ---


def test_the_openapi_description_declares_the_key_and_the_401_and_429_answers(client, content):
    schema = client.get("/api/v1/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["ApiKey"] == {**schemes["ApiKey"], "type": "apiKey", "in": "header", "name": "X-API-Key"}
    assert schemes["BearerKey"]["scheme"] == "bearer"
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            assert {} in operation["security"], path  # anonymous use is allowed
            assert {"401", "429"} <= set(operation["responses"]), path
            assert operation["responses"]["429"]["headers"]["Retry-After"]
            assert operation["responses"]["401"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")


def test_the_docs_page_explains_keys_limits_and_how_to_ask_for_one(client, settings):
    settings.API_ANONYMOUS_RATE = "30/minute,1000/day"
    settings.API_PARTNER_RATE = "600/minute,200000/day"
    page = Client().get("/api/").content.decode()
    assert 'id="keys"' in page
    assert "30 requests a minute" in page and "1,000 a day" in page
    assert "600 requests a minute" in page
    assert "X-API-Key" in page and "Authorization: Bearer" in page
    assert "429" in page and "Retry-After" in page and "401" in page
    assert f'<a href="{contact_links().write_to_us_url}">write to us</a>' in page


def test_without_a_contact_page_the_docs_give_an_address_to_write_to(client, settings, monkeypatch):
    monkeypatch.setattr("cancerinfo.enquiries.interface.contact_links", lambda: None)
    settings.ENQUIRY_CONTACT_ROUTES = {"website": "web@partner.example"}
    page = Client().get("/api/").content.decode()
    assert '<a href="mailto:web@partner.example">web@partner.example</a>' in page
