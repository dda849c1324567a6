"""Query counts without a database write per search, and without anything that identifies the person.

``record()`` runs inside the request: it only touches the cache (one counter per query and day, plus the day's
queries; one round trip on Redis). ``flush()`` moves the counts into QueryStat rows; it runs from ``manage.py
flush_search_log`` (cron, every few minutes) and when an editor opens the report. What is kept: the query's words,
lower-cased, with numbers, e-mail addresses and anything like a postcode or phone number taken out, a day, and two
counts. No IP address, user, session, cookie or time of day.
"""

from __future__ import annotations

import hashlib
import logging
import re

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


def _day() -> str:
    return timezone.localdate().isoformat()


# The day's list of queries is kept in this many parts (by the query's digest): a new query reads and writes one
# part, not a list of up to 5,000 (which cost a search 0.2-0.4 ms to unpickle and pickle again).
LIST_PARTS = 64


def _list_keys(day: str) -> list[str]:
    return [f"{PREFIX}:{day}:list:{part}" for part in range(LIST_PARTS)]


def _keys(day: str, text: str) -> tuple[str, str, str]:
    digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]
    part = int(digest, 16) % LIST_PARTS
    return f"{PREFIX}:{day}:list:{part}", f"{PREFIX}:{day}:n:{digest}", f"{PREFIX}:{day}:z:{digest}"


# On Redis the day's queries are one set, and a search is recorded in one round trip by this script: count the
# query, add a new one to the day's set (up to MAX_QUERIES_PER_DAY), count a search that found nothing. Reading,
# growing and writing back a list part cost a new query three round trips.
# KEYS: count, set of the day's queries, zero-results count. ARGV: seconds kept, query, most queries, found nothing.
RECORD_ON_REDIS = """
redis.call('SET', KEYS[1], 0, 'NX', 'EX', ARGV[1])
local searches = redis.call('INCR', KEYS[1])
if searches == 1 and redis.call('SCARD', KEYS[2]) < tonumber(ARGV[3]) then
  redis.call('SADD', KEYS[2], ARGV[2])
  redis.call('EXPIRE', KEYS[2], ARGV[1])
end
if ARGV[4] == '1' then
  redis.call('SET', KEYS[3], 0, 'NX', 'EX', ARGV[1])
  redis.call('INCR', KEYS[3])
end
return searches
"""


def _redis():
    """The raw Redis client behind Django's cache, or None (another cache backend, or Redis unreachable)."""
    get_client = getattr(getattr(cache, "client", None), "get_client", None)  # django-redis only
    return get_client(write=True) if get_client is not None else None


def _day_set(day: str) -> str:
    return cache.make_key(f"{PREFIX}:{day}:queries")


def record(query: str, results: int) -> None:
    text = scrub(query)
    if not text:
        return
    day = _day()
    list_key, count_key, zero_key = _keys(day, text)
    client = _redis()
    if client is not None:
        keys = [cache.make_key(count_key), _day_set(day), cache.make_key(zero_key)]
        try:
            client.eval(RECORD_ON_REDIS, 3, *keys, KEEP_SECONDS, text, MAX_QUERIES_PER_DAY, int(results == 0))
        except RedisError:
            logger.warning("Search log: Redis could not count a search; it is not counted.")
        return
    if count(count_key, KEEP_SECONDS) == 1:
        known = cache.get(list_key) or []
        if len(known) < MAX_QUERIES_PER_DAY // LIST_PARTS:
            cache.set(list_key, [*known, text], KEEP_SECONDS)
    if results == 0:
        count(zero_key, KEEP_SECONDS)


def flush(days_back: int = 2) -> int:
    """Move buffered counts into QueryStat. Returns how many queries were written."""
    from .models import QueryStat

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
