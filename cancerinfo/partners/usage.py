"""How much each key is used, per day (UTC, the day the daily limit counts).

Each request adds one to a counter in the cache (an atomic increment: Redis in production), never a database write.
flush() moves what the counters hold into DailyUsage rows: the scheduled job runs it every few minutes, and the key's
admin page runs it before showing the table. It takes what it read off the counter with another atomic step, so a
request counted in between is kept for the next flush, and a crash between the two loses nothing twice.
"""

import datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import DailyUsage, PartnerKey

COUNTER_SECONDS = 3 * 24 * 3600  # long enough for a flush after a day ends (or a worker that was down a while)
REQUESTS, REFUSED = "requests", "refused"
DAYS_KEPT_IN_CACHE = 2  # flush looks at today and yesterday


def today() -> datetime.date:
    return timezone.now().astimezone(datetime.UTC).date()


def _counter(kind: str, key_id: int, day: datetime.date) -> str:
    return f"partners:usage:{kind}:{day.isoformat()}:{key_id}"


def _add(name: str, value: int = 1) -> None:
    if not cache.add(name, value, COUNTER_SECONDS):
        try:
            cache.incr(name, value)
        except ValueError:  # expired between the two
            cache.add(name, value, COUNTER_SECONDS)


def record(key_id: int, refused: bool = False) -> None:
    """Count one request made with this key: answered, or refused for being over its limit."""
    _add(_counter(REFUSED if refused else REQUESTS, key_id, today()))


def pending(key_id: int, day: datetime.date) -> dict[str, int]:
    """What the cache holds for this key and day, not yet in the database."""
    names = {kind: _counter(kind, key_id, day) for kind in (REQUESTS, REFUSED)}
    found = cache.get_many(list(names.values()))
    return {kind: int(found.get(name) or 0) for kind, name in names.items()}


def _take(name: str, value: int) -> bool:
    try:
        cache.decr(name, value)
    except ValueError:  # gone (expired, or the cache was emptied): nothing to take
        return False
    return True


def flush(key_ids: list[int] | None = None) -> int:
    """Move the cached counts of these keys (every key by default) for today and yesterday into DailyUsage rows.
    Returns how many requests it moved."""
    if key_ids is None:
        key_ids = list(PartnerKey.objects.values_list("id", flat=True))
    days = [today() - datetime.timedelta(days=n) for n in range(DAYS_KEPT_IN_CACHE)]
    moved = 0
    for day in days:
        names = {(key_id, kind): _counter(kind, key_id, day) for key_id in key_ids for kind in (REQUESTS, REFUSED)}
        found = cache.get_many(list(names.values())) if names else {}
        for key_id in key_ids:
            counts = {kind: int(found.get(names[key_id, kind]) or 0) for kind in (REQUESTS, REFUSED)}
            taken = {kind: value for kind, value in counts.items() if value and _take(names[key_id, kind], value)}
            if not taken:
                continue
            try:
                _write(key_id, day, taken)
            except Exception:
                for kind, value in taken.items():  # put them back for the next flush
                    _add(names[key_id, kind], value)
                raise
            moved += taken.get(REQUESTS, 0)
    return moved


def _write(key_id: int, day: datetime.date, counts: dict[str, int]) -> None:
    with transaction.atomic():
        row, _ = DailyUsage.objects.select_for_update().get_or_create(key_id=key_id, date=day)
        DailyUsage.objects.filter(pk=row.pk).update(**{kind: F(kind) + value for kind, value in counts.items()})


def last_days(key: PartnerKey, days: int = 30) -> list[dict]:
    """One row a day for the last `days` days, newest first, with what is still in the cache added (for the admin
    page, after a flush this is only what arrived since)."""
    end = today()
    start = end - datetime.timedelta(days=days - 1)
    rows = {row.date: row for row in key.usage.filter(date__gte=start, date__lte=end)}
    table = []
    for n in range(days):
        day = end - datetime.timedelta(days=n)
        row = rows.get(day)
        extra = pending(key.pk, day) if n < DAYS_KEPT_IN_CACHE else {REQUESTS: 0, REFUSED: 0}
        table.append(
            {
                "date": day,
                REQUESTS: (row.requests if row else 0) + extra[REQUESTS],
                REFUSED: (row.refused if row else 0) + extra[REFUSED],
            }
        )
    return table
