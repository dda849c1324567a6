"""When a scheduled job is due: every N minutes, daily at a time, or monthly on a day, in the site's time zone."""

import calendar
import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Schedule:
    minutes: int = 0  # every this many minutes; else once a day (or month) at `at`
    at: datetime.time = datetime.time(0, 0)
    day: int | None = None  # day of the month (1-28) for monthly jobs
    weekday: int | None = None  # 0 = Monday, for weekly jobs

    def next_after(self, moment: datetime.datetime) -> datetime.datetime:
        """The first time strictly after `moment` when the job is due."""
        if self.minutes:
            return moment + datetime.timedelta(minutes=self.minutes)
        local = timezone.localtime(moment)
        candidate = local.replace(hour=self.at.hour, minute=self.at.minute, second=0, microsecond=0)
        if self.day is None:
            while candidate <= local or (self.weekday is not None and candidate.weekday() != self.weekday):
                candidate = _same_local_time(candidate, candidate.date() + datetime.timedelta(days=1))
            return candidate
        candidate = _same_local_time(candidate, candidate.date().replace(day=self.day))
        while candidate <= local:
            month = candidate.date().replace(day=1) + datetime.timedelta(days=32)
            candidate = _same_local_time(candidate, month.replace(day=self.day))
        return candidate

    def __str__(self) -> str:
        if self.minutes:
            if self.minutes % 60 == 0:
                hours = self.minutes // 60
                return "Every hour" if hours == 1 else f"Every {hours} hours"
            return f"Every {self.minutes} minutes"
        at = self.at.strftime("%H:%M")
        if self.weekday is not None:
            return f"Every {calendar.day_name[self.weekday]} at {at}"
        if self.day is None:
            return f"Every day at {at}"
        return f"Every month on day {self.day} at {at}"


def _same_local_time(moment: datetime.datetime, date: datetime.date) -> datetime.datetime:
    """The same wall-clock time on another date (the UTC offset changes with British Summer Time)."""
    naive = datetime.datetime.combine(date, moment.time().replace(tzinfo=None))
    return timezone.make_aware(naive, timezone.get_current_timezone())


def every(minutes: int = 0, hours: int = 0) -> Schedule:
    return Schedule(minutes=minutes + 60 * hours)


def daily(at: str) -> Schedule:
    return Schedule(at=datetime.time.fromisoformat(at))


def weekly(weekday: str, at: str) -> Schedule:
    return Schedule(at=datetime.time.fromisoformat(at), weekday=list(calendar.day_name).index(weekday.capitalize()))


def monthly(day: int, at: str) -> Schedule:
    if not 1 <= day <= 28:
        raise ValueError("Monthly jobs run on day 1 to 28, which every month has.")
    return Schedule(at=datetime.time.fromisoformat(at), day=day)
