"""A key's use is counted per day (UTC) in the cache, never written to the database as requests arrive; the scheduled
job and the key's admin page move the counts into one row a day."""

import datetime

import pytest

from cancerinfo.jobs.registry import JOBS
from cancerinfo.partners import tasks, usage
from cancerinfo.partners.models import DailyUsage

pytestmark = pytest.mark.django_db

URL = "/api/v1/topics/"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.API_ANONYMOUS_RATE = "100/minute"
    settings.API_PARTNER_RATE = "5/minute,1000/day"


def rows(key) -> dict:
    return {row.date: (row.requests, row.refused) for row in DailyUsage.objects.filter(key=key)}


def test_requests_are_counted_in_the_cache_and_written_once_by_a_flush(client, partner_key, django_assert_num_queries):
    key, raw = partner_key
    client.get(URL, HTTP_X_API_KEY=raw)  # looks the key up
    with django_assert_num_queries(0):  # counted, and no row written
        for _ in range(6):  # the sixth is over the limit
            client.get(URL, HTTP_X_API_KEY=raw)
    assert not DailyUsage.objects.exists()
    assert usage.pending(key.pk, usage.today()) == {"requests": 5, "refused": 2}
    assert usage.flush() == 5
    assert rows(key) == {usage.today(): (5, 2)}
    # What was flushed is not counted again; what arrives later is added to the day's row.
    assert usage.flush() == 0
    assert rows(key) == {usage.today(): (5, 2)}
    assert usage.pending(key.pk, usage.today()) == {"requests": 0, "refused": 0}


def test_anonymous_requests_are_not_counted_against_any_key(client, partner_key):
    key, raw = partner_key
    for _ in range(3):
        client.get(URL)
    client.get(URL, HTTP_X_API_KEY=raw)
    usage.flush()
    assert rows(key) == {usage.today(): (1, 0)}


def test_each_day_has_its_own_row_and_yesterday_is_flushed_after_midnight(partner_key, monkeypatch):
    key, _ = partner_key
    day = datetime.date(2026, 3, 1)
    monkeypatch.setattr(usage, "today", lambda: day)
    for _ in range(4):
        usage.record(key.pk)
    day = datetime.date(2026, 3, 2)  # midnight passes before the next flush
    usage.record(key.pk)
    usage.record(key.pk, refused=True)
    usage.flush()
    assert rows(key) == {datetime.date(2026, 3, 1): (4, 0), datetime.date(2026, 3, 2): (1, 1)}
    usage.record(key.pk)
    usage.flush()
    assert rows(key)[datetime.date(2026, 3, 2)] == (2, 1)


def test_the_last_30_days_include_what_is_still_in_the_cache(partner_key, monkeypatch):
    key, _ = partner_key
    today = datetime.date(2026, 3, 31)
    monkeypatch.setattr(usage, "today", lambda: today)
    DailyUsage.objects.create(key=key, date=datetime.date(2026, 3, 2), requests=40, refused=1)
    DailyUsage.objects.create(key=key, date=datetime.date(2026, 3, 1), requests=99)  # 31 days ago: not shown
    DailyUsage.objects.create(key=key, date=today, requests=10)
    usage.record(key.pk)
    table = usage.last_days(key, 30)
    assert len(table) == 30
    assert table[0] == {"date": today, "requests": 11, "refused": 0}
    assert table[-1] == {"date": datetime.date(2026, 3, 2), "requests": 40, "refused": 1}
    assert sum(day["requests"] for day in table) == 51


def test_the_flush_is_a_scheduled_job(client, partner_key):
    key, raw = partner_key
    info = JOBS[tasks.flush_api_key_usage.module_path]
    assert str(info.schedule) == "Every 10 minutes"
    client.get(URL, HTTP_X_API_KEY=raw)
    result = tasks.flush_api_key_usage.enqueue()  # tests run jobs at once
    assert result.return_value == 1
    assert rows(key) == {usage.today(): (1, 0)}


def test_a_failed_write_puts_the_counts_back_for_the_next_flush(partner_key, monkeypatch):
    key, _ = partner_key
    for _ in range(3):
        usage.record(key.pk)

    def broken(*args):
        raise RuntimeError("database gone")

    monkeypatch.setattr(usage, "_write", broken)
    with pytest.raises(RuntimeError):
        usage.flush()
    monkeypatch.undo()
    assert usage.pending(key.pk, usage.today())["requests"] == 3
    usage.flush()
    assert rows(key) == {usage.today(): (3, 0)}
