"""Scheduled jobs run at the time they say, in UK time, summer and winter."""

import datetime
import zoneinfo

from cancerinfo.jobs.schedules import daily, every, monthly, weekly

LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(*args):
    return datetime.datetime(*args, tzinfo=LONDON)


def test_every_n_minutes():
    assert every(minutes=5).next_after(at(2026, 3, 1, 10, 2)) == at(2026, 3, 1, 10, 7)
    assert str(every(minutes=5)) == "Every 5 minutes" and str(every(hours=1)) == "Every hour"


def test_daily_at_a_uk_time_also_across_the_clock_change():
    job = daily(at="02:30")
    assert job.next_after(at(2026, 7, 1, 1, 0)) == at(2026, 7, 1, 2, 30)
    assert job.next_after(at(2026, 7, 1, 2, 30)) == at(2026, 7, 2, 2, 30), "strictly after"
    after_change = job.next_after(at(2026, 10, 24, 23, 0))  # clocks go back on 25 October 2026
    assert after_change.astimezone(LONDON).hour == 2 and after_change.utcoffset() == datetime.timedelta(0)
    assert str(job) == "Every day at 02:30"


def test_weekly_and_monthly():
    assert weekly("Monday", at="07:00").next_after(at(2026, 12, 3, 9, 0)) == at(2026, 12, 7, 7, 0)
    assert monthly(day=1, at="05:00").next_after(at(2026, 12, 3, 9, 0)) == at(2027, 1, 1, 5, 0)
    assert monthly(day=1, at="05:00").next_after(at(2026, 12, 1, 4, 0)) == at(2026, 12, 1, 5, 0)
    assert str(weekly("monday", at="07:00")) == "Every Monday at 07:00"
