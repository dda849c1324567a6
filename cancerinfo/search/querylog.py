"""Query counts without a database write per search, and without anything that identifies the person.

``record()`` runs inside the request and adds the search to this process's pending counts, in memory. Every
SEND_SECONDS (or at SEND_AT different queries) they go to the cache in one batch: one round trip on Redis for many
searches, not one per search. ``flush()`` sends this process's pending counts, then moves the cache's counts into
QueryStat rows; it runs from ``manage.py flush_search_log`` (cron, every few minutes) and when an editor opens the
report. A process that stops sends what it holds as it exits; one that is killed loses at most SEND_SECONDS of counts.
What is kept: the query's words, lower-cased, with numbers, e-mail addresses and anything like a postcode or phone
number taken out, a day, and two counts. No IP address, user, session, cookie or time of day.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import re
import threading
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from redis.exceptions import RedisError

from cancerinfo.delivery.throttle import count

from .text import fold

logger = logging.getLogger(__name__)
PREFIX = "sitesearch:log"
DAY_SECONDS = 60 * 60 * 24
KEEP_SECONDS = DAY_SECONDS * 3  # unflushed counts older than this are lost, never stored longer
MAX_QUERIES_PER_DAY = 5000
_EMAIL = re.compile(r"\S+@\S+")
_DIGITS = re.compile(r"\S*\d\S*")


def scrub(query: str) -> str:
    """The words of a query and nothing that could identify someone: e-mails and anything with a digit go."""
    text = fold(query)
    text = _EMAIL.sub(" ", text)
    text = _DIGITS.sub(" ", text)
    return " ".join(text.split())[:100]


_today: tuple[float, str] = (0.0, "")  # (when it was worked out, the local date): worked out once a second


def _day() -> str:
    global _today
    now = time.monotonic()
    if now - _today[0] >= 1.0:
        _today = (now, timezone.localdate().isoformat())
    return _today[1]


# The day's list of queries is kept in this many parts (by the query's digest): a new query reads and writes one
# part, not a list of up to 5,000 (which cost a search 0.2-0.4 ms to unpickle and pickle again).
LIST_PARTS = 64


def _list_keys(day: str) -> list[str]:
    return [f"{PREFIX}:{day}:list:{part}" for part in range(LIST_PARTS)]


def _keys(day: str, text: str) -> tuple[str, str, str]:
    digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]
    part = int(digest, 16) % LIST_PARTS
    return f"{PREFIX}:{day}:list:{part}", f"{PREFIX}:{day}:n:{digest}", f"{PREFIX}:{day}:z:{digest}"


# On Redis the day's queries are one set, and a batch of pending counts is recorded in one round trip by this
# script: for each query, count its searches, add it to the day's set when it is new today (up to
# MAX_QUERIES_PER_DAY), and count the searches that found nothing.
# KEYS: per query, its count, the day's set and its zero-results count. ARGV: seconds kept, most queries, then per
# query its text, its searches and its searches that found nothing.
RECORD_ON_REDIS = """
local seconds, most = ARGV[1], tonumber(ARGV[2])
for i = 0, #KEYS / 3 - 1 do
  local count, day_set, zero = KEYS[i * 3 + 1], KEYS[i * 3 + 2], KEYS[i * 3 + 3]
  local text, searches, zeros = ARGV[i * 3 + 3], tonumber(ARGV[i * 3 + 4]), tonumber(ARGV[i * 3 + 5])
  redis.call('SET', count, 0, 'NX', 'EX', seconds)
  if redis.call('INCRBY', count, searches) == searches and redis.call('SCARD', day_set) < most then
    redis.call('SADD', day_set, text)
    redis.call('EXPIRE', day_set, seconds)
  end
  if zeros > 0 then
    redis.call('SET', zero, 0, 'NX', 'EX', seconds)
    redis.call('INCRBY', zero, zeros)
  end
end
return #KEYS / 3
"""


def _redis():
    """The raw Redis client behind Django's cache, or None (another cache backend, or Redis unreachable)."""
    get_client = getattr(getattr(cache, "client", None), "get_client", None)  # django-redis only
    return get_client(write=True) if get_client is not None else None


def _day_set(day: str) -> str:
    return cache.make_key(f"{PREFIX}:{day}:queries")


SEND_SECONDS = 5.0  # how long a process holds counts before sending them to the cache
SEND_AT = 200  # ... or how many different queries it holds

_pending: dict[tuple[str, str], list[int]] = {}  # (day, scrubbed query) -> [searches, searches that found nothing]
_pending_lock = threading.Lock()
_last_sent = time.monotonic()


def record(query: str, results: int) -> None:
    """Count one search in this process; the counts reach the cache with the next batch."""
    text = scrub(query)
    if not text:
        return
    key = (_day(), text)
    with _pending_lock:
        counts = _pending.get(key)
        if counts is None:
            counts = _pending[key] = [0, 0]
        counts[0] += 1
        counts[1] += results == 0
        due = len(_pending) >= SEND_AT or time.monotonic() - _last_sent >= SEND_SECONDS
    if due:
        send()


def send() -> None:
    """Send this process's pending counts to the cache (one round trip on Redis). Counts that Redis refuses are
    lost, never retried into a growing pile."""
    global _pending, _last_sent
    with _pending_lock:
        batch, _pending, _last_sent = _pending, {}, time.monotonic()
    if not batch:
        return
    client = _redis()
    if client is not None:
        keys, values = [], [KEEP_SECONDS, MAX_QUERIES_PER_DAY]
        for (day, text), (searches, zeros) in batch.items():
            _, count_key, zero_key = _keys(day, text)
            keys += [cache.make_key(count_key), _day_set(day), cache.make_key(zero_key)]
            values += [text, searches, zeros]
        try:
            client.eval(RECORD_ON_REDIS, len(keys), *keys, *values)
        except RedisError:
            logger.warning("Search log: Redis could not count %d searches; they are not counted.", len(batch))
        return
    for (day, text), (searches, zeros) in batch.items():
        list_key, count_key, zero_key = _keys(day, text)
        if count(count_key, KEEP_SECONDS, searches) == searches:
            known = cache.get(list_key) or []
            if len(known) < MAX_QUERIES_PER_DAY // LIST_PARTS:
                cache.set(list_key, [*known, text], KEEP_SECONDS)
        if zeros:
            count(zero_key, KEEP_SECONDS, zeros)


def forget() -> None:
    """Drop this process's pending counts unsent, and the date it holds (tests: each starts with none)."""
    global _pending, _today
    with _pending_lock:
        _pending = {}
    _today = (0.0, "")


atexit.register(send)  # a worker that is stopped or recycled sends what it holds


def flush(days_back: int = 2) -> int:
    """Move buffered counts into QueryStat. Returns how many queries were written."""
    from .models import QueryStat

    send()
    written = 0
    today = timezone.localdate()
    for offset in range(days_back + 1):
        day = (today - timezone.timedelta(days=offset)).isoformat()
        texts = _day_queries(day)
        if not texts:
            continue
        with transaction.atomic():
            for text in dict.fromkeys(texts):
                _, count_key, zero_key = _keys(day, text)
                searches = cache.get(count_key) or 0
                zeros = cache.get(zero_key) or 0
                if not searches:
                    continue
                # Take what we read off the counters: searches made meanwhile stay buffered for the next flush.
                for key, value in ((count_key, searches), (zero_key, zeros)):
                    if value:
                        try:
                            cache.decr(key, value)
                        except ValueError:
                            pass
                stat, _created = QueryStat.objects.get_or_create(day=day, query=text)
                QueryStat.objects.filter(pk=stat.pk).update(
                    searches=F("searches") + searches, zero_results=F("zero_results") + zeros
                )
                written += 1
    return written


def _day_queries(day: str) -> list[str]:
    client = _redis()
    if client is not None:
        try:
            return sorted(member.decode() for member in client.smembers(_day_set(day)))
        except RedisError:
            return []
    return [text for part in cache.get_many(_list_keys(day)).values() for text in part]


def report(days: int = 30, limit: int = 50) -> dict:
    """The most frequent queries and the queries that found nothing, over the last `days` days."""
    from .models import QueryStat

    since = timezone.localdate() - timezone.timedelta(days=days)
    rows = QueryStat.objects.filter(day__gte=since).values("query")
    frequent = rows.annotate(total=Sum("searches"), zero=Sum("zero_results")).order_by("-total", "query")[:limit]
    nothing = (
        rows.annotate(total=Sum("searches"), zero=Sum("zero_results"))
        .filter(zero__gt=0)
        .order_by("-zero", "query")[:limit]
    )
    return {"days": days, "frequent": list(frequent), "zero_results": list(nothing)}
