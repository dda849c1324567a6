"""One throttle for every public form: the client address as the trusted proxies saw it, one counter per form and
address, keys that never hold the address."""

import pytest
from django.test import RequestFactory

from cancerinfo.conftest import cache_keys
from cancerinfo.delivery.throttle import Throttle, address_hash, client_address

factory = RequestFactory()


def request_from(remote="127.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return factory.post("/", **extra)


def test_without_trusted_proxies_the_connecting_address_counts_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("203.0.113.9", forwarded="198.51.100.1")) == "203.0.113.9"


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from(forwarded="198.51.100.1")) == "198.51.100.1"
    # Whatever the client wrote itself sits further left and is never believed.
    assert client_address(request_from(forwarded="1.2.3.4, 198.51.100.1")) == "198.51.100.1"
    assert client_address(request_from(forwarded="evil, 1.2.3.4,198.51.100.1")) == "198.51.100.1"


def test_behind_two_proxies_the_address_the_outer_one_saw_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    # client-written, the visitor (added by the load balancer), the load balancer (added by nginx)
    assert client_address(request_from(forwarded="6.6.6.6, 198.51.100.1, 10.0.0.5")) == "198.51.100.1"


def test_a_request_that_skipped_a_trusted_proxy_counts_as_the_connecting_address(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request_from("10.0.0.9", forwarded="198.51.100.1")) == "10.0.0.9"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request_from("10.0.0.9")) == "10.0.0.9"
    assert client_address(request_from("10.0.0.9", forwarded="not-an-address")) == "10.0.0.9"


def test_ipv6_visitors_count_by_their_64_network(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    one = client_address(request_from(forwarded="2001:db8:1:2::1"))
    other = client_address(request_from(forwarded="2001:db8:1:2:ffff::9"))
    assert one == other == "2001:db8:1:2::/64"
    assert client_address(request_from(forwarded="::ffff:198.51.100.1")) == "198.51.100.1"


@pytest.fixture
def throttle():
    return Throttle("test-form", 3, 60)


def test_blocked_after_the_limit_and_only_for_that_address(throttle):
    visitor, neighbour = request_from("203.0.113.1"), request_from("203.0.113.2")
    for _ in range(3):
        assert not throttle.blocked(visitor)
        throttle.record(visitor)
    assert throttle.blocked(visitor)
    assert not throttle.blocked(neighbour)


def test_attempt_counts_then_answers(throttle):
    visitor = request_from("203.0.113.1")
    assert [throttle.attempt(visitor) for _ in range(5)] == [True, True, True, False, False]


def test_limits_can_name_settings_read_at_call_time(settings):
    settings.ENQUIRY_RATE_LIMIT_PER_HOUR = 1
    named = Throttle("named", "ENQUIRY_RATE_LIMIT_PER_HOUR")
    visitor = request_from("203.0.113.1")
    assert named.attempt(visitor) and not named.attempt(visitor)
    settings.ENQUIRY_RATE_LIMIT_PER_HOUR = 5
    assert named.attempt(visitor)


def test_forms_have_separate_allowances():
    visitor = request_from("203.0.113.1")
    ask, contact = Throttle("ask-x", 1), Throttle("contact-x", 1)
    ask.record(visitor)
    assert ask.blocked(visitor) and not contact.blocked(visitor)


def test_keys_hold_a_keyed_hash_never_the_address(throttle):
    visitor = request_from("203.0.113.42")
    throttle.record(visitor)
    keys = [key for key in cache_keys() if "throttle:test-form" in key]
    assert keys and not any("203.0.113.42" in key for key in keys)
    assert address_hash(visitor) != address_hash(request_from("203.0.113.43"))


def test_the_retired_address_settings_are_reported_when_still_set(monkeypatch):
    from cancerinfo.delivery.throttle import retired_address_settings

    assert retired_address_settings() == []
    monkeypatch.setenv("ENQUIRY_CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")
    (warning,) = retired_address_settings()
    assert "ENQUIRY_CLIENT_IP_HEADER is no longer read" in warning.msg and "TRUSTED_PROXY_COUNT" in warning.hint


@pytest.mark.parametrize(
    ("remote", "stored"),
    [("203.0.113.9", "203.0.113.9"), ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::"), ("", None), ("not-an-address", None)],
)
def test_sign_in_records_get_a_storable_address(rf, settings, remote, stored):
    """django-axes stores the address in an IP column: never a /64 network, never the word 'unknown'."""
    from cancerinfo.delivery.throttle import client_ip_for_records

    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR=remote)
    assert client_ip_for_records(request) == stored


def test_a_counter_counts_within_its_window_and_then_expires():
    from django.core.cache import cache

    from cancerinfo.delivery.throttle import count

    assert [count("throttle:test-count:one", 60) for _ in range(3)] == [1, 2, 3]
    assert cache.get("throttle:test-count:one") == 3  # readable as Throttle.used reads it
    if hasattr(cache, "ttl"):  # Redis: set with its expiry in the same round trip as the first count
        assert 0 < cache.ttl("throttle:test-count:one") <= 60
        assert count("throttle:test-count:one", 60) == 4
    cache.delete("throttle:test-count:one")  # what the window's end does
    assert count("throttle:test-count:one", 60) == 1


def test_a_counter_lets_requests_through_when_redis_fails(monkeypatch):
    from django.core.cache import cache
    from redis.exceptions import ConnectionError as RedisConnectionError

    from cancerinfo.delivery.throttle import count

    if not hasattr(getattr(cache, "client", None), "get_client"):
        pytest.skip("Only the Redis cache counts in one round trip (this run uses another cache).")

    class Broken:
        def pipeline(self, **kwargs):
            raise RedisConnectionError("Redis is down")

    monkeypatch.setattr(cache.client, "get_client", lambda write=True: Broken())
    assert count("throttle:test-count:down", 60) == 0
