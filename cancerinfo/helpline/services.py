"""Is the helpline open? Worked out in UK time (Europe/London), so the clock changes need no special handling.

The schedule (weekly hours, bank holidays, closures) is read once per process and kept until an editor changes it
(delivery/versions.py), so the header line costs no query and no cache read. The status itself depends on the
clock and is never cached.
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import dateformat, timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from cancerinfo.core.wording import Wording, field_in_reader_language
from cancerinfo.delivery import versions

UK = ZoneInfo("Europe/London")
SCHEDULE_VERSION = "helpline"  # moves when the weekly hours, bank holidays or closures change
LOOK_AHEAD_DAYS = 60
# The words people read are in the page's language (Welsh on /cy/ pages): day and month names from Django's own
# catalogues, the rest from ours (locale/cy). A day the helpline opens on ("Opens at 9am Monday") has its own words:
# in Welsh it changes form ("ddydd Llun").
OPENS_ON_DAY = [
    pgettext_lazy("the helpline opens on", "Monday"),
    pgettext_lazy("the helpline opens on", "Tuesday"),
    pgettext_lazy("the helpline opens on", "Wednesday"),
    pgettext_lazy("the helpline opens on", "Thursday"),
    pgettext_lazy("the helpline opens on", "Friday"),
    pgettext_lazy("the helpline opens on", "Saturday"),
    pgettext_lazy("the helpline opens on", "Sunday"),
]


@dataclass(frozen=True)
class Schedule:
    hours: dict[int, tuple[datetime.time, datetime.time]] = field(default_factory=dict)
    # Names and messages are Wording (English and Welsh): str() gives the reader's language when it is shown.
    bank_holidays: dict[datetime.date, Wording | str] = field(default_factory=dict)
    closures: tuple[tuple[datetime.date, datetime.date, Wording | str], ...] = ()

    def closed_reason(self, day: datetime.date) -> str | None:
        """Why the helpline is closed all day on `day` (bank holiday or closure), or None."""
        for first, last, message in self.closures:
            if first <= day <= last:
                return str(message)
        if day in self.bank_holidays:
            return _("Closed for %(holiday)s") % {"holiday": self.bank_holidays[day]}
        return None

    def opening(self, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime] | None:
        """The opening and closing moments on `day` as aware UK datetimes, or None if closed all day."""
        if day.weekday() not in self.hours or self.closed_reason(day) is not None:
            return None
        opens, closes = self.hours[day.weekday()]
        # Wall-clock times in Europe/London: 9am is 9am in GMT and in BST alike.
        return (
            datetime.datetime.combine(day, opens, tzinfo=UK),
            datetime.datetime.combine(day, closes, tzinfo=UK),
        )


@dataclass(frozen=True)
class Status:
    now: datetime.datetime
    is_open: bool
    closes_at: datetime.datetime | None = None
    next_opening: datetime.datetime | None = None
    closed_reason: str | None = None

    @property
    def changes_at(self) -> datetime.datetime | None:
        """When this status stops being true: useful to cap how long a cached page may keep it."""
        return self.closes_at if self.is_open else self.next_opening

    @property
    def text(self) -> str:
        if self.is_open:
            return _("Open now, until %(time)s") % {"time": format_time(self.closes_at)}
        parts = []
        if self.closed_reason:
            reason = self.closed_reason.rstrip(".")
            parts.append(f"{reason}.")
        else:
            parts.append(_("Closed."))
        if self.next_opening:
            parts.append(
                _("Opens at %(time)s %(day)s")
                % {"time": format_time(self.next_opening), "day": format_day(self.next_opening, self.now)}
            )
        return " ".join(parts)

    @property
    def short_text(self) -> str:
        """The status in few words, for the header on a phone (the reason for a closure is on wider screens):
        "Open until 5pm", "Closed, opens 9am Mon", "Closed, opens 9am Tue 29 Dec"."""
        if self.is_open:
            return _("Open until %(time)s") % {"time": format_time(self.closes_at)}
        if not self.next_opening:
            return _("Closed")
        days_ahead = (self.next_opening.astimezone(UK).date() - self.now.astimezone(UK).date()).days
        if days_ahead == 0:
            day = _("today")
        elif days_ahead == 1:
            day = _("tomorrow")
        else:
            day = str(WEEKDAYS_ABBR[self.next_opening.weekday()])
            if days_ahead >= 7:
                day += f" {self.next_opening.day} {dateformat.format(self.next_opening, 'M')}"
        return _("Closed, opens %(time)s %(day)s") % {"time": format_time(self.next_opening), "day": day}


def format_time(moment: datetime.datetime | datetime.time) -> str:
    """9am, 5pm, 9:30am, midday."""
    if moment.hour == 12 and moment.minute == 0:
        return _("midday")
    hour = moment.hour % 12 or 12
    clock = f"{hour}:{moment.minute:02d}" if moment.minute else str(hour)
    return (_("%(time)sam") if moment.hour < 12 else _("%(time)spm")) % {"time": clock}


def format_day(moment: datetime.datetime, now: datetime.datetime) -> str:
    """today, tomorrow, Monday (within a week), or on Monday 4 January."""
    days_ahead = (moment.astimezone(UK).date() - now.astimezone(UK).date()).days
    if days_ahead == 0:
        return _("today")
    if days_ahead == 1:
        return _("tomorrow")
    if days_ahead < 7:
        return str(OPENS_ON_DAY[moment.weekday()])
    return _("on %(weekday)s %(day)s %(month)s") % {
        "weekday": OPENS_ON_DAY[moment.weekday()],
        "day": moment.day,
        "month": dateformat.format(moment, "F"),
    }


def load_schedule() -> Schedule:
    from .models import BankHoliday, Closure, WeeklyHours

    return Schedule(
        hours={row.weekday: (row.opens, row.closes) for row in WeeklyHours.objects.all()},
        bank_holidays={
            day: Wording(name, name_cy)
            for day, name, name_cy in BankHoliday.objects.values_list("date", "name", "name_cy")
        },
        closures=tuple(
            (first, last, Wording(message, message_cy))
            for first, last, message, message_cy in Closure.objects.values_list(
                "first_date", "last_date", "message", "message_cy"
            )
        ),
    )


def get_schedule() -> Schedule:
    """The schedule, kept in each process until an editor changes it: the header line reads no cache at all (it
    read the cache twice a page)."""
    return versions.table("helpline-schedule", [SCHEDULE_VERSION], load_schedule)


def forget_schedule() -> None:
    versions.bump(SCHEDULE_VERSION)


def status_at(now: datetime.datetime | None = None, schedule: Schedule | None = None) -> Status:
    """Whether the helpline is open at `now` (any timezone; default: the current time)."""
    now = (now or timezone.now()).astimezone(UK)
    schedule = schedule if schedule is not None else get_schedule()
    today = now.date()
    hours_today = schedule.opening(today)
    if hours_today and hours_today[0] <= now < hours_today[1]:
        return Status(now=now, is_open=True, closes_at=hours_today[1])
    next_opening = None
    for offset in range(LOOK_AHEAD_DAYS + 1):
        hours = schedule.opening(today + datetime.timedelta(days=offset))
        if hours and hours[0] > now:
            next_opening = hours[0]
            break
    return Status(now=now, is_open=False, next_opening=next_opening, closed_reason=schedule.closed_reason(today))


def seconds_until_change(now: datetime.datetime | None = None) -> float | None:
    """How long the status line stays true (until the helpline opens or closes), or None if it never changes."""
    status = status_at(now)
    if status.changes_at is None:
        return None
    return (status.changes_at - status.now).total_seconds()


def weekly_table(schedule: Schedule | None = None) -> list[dict]:
    """Each day of the week with its hours ("9am to 5pm") or "Closed", for the contact page."""
    schedule = schedule if schedule is not None else get_schedule()
    rows = []
    for weekday in range(7):
        hours = schedule.hours.get(weekday)
        rows.append({"day": str(WEEKDAYS[weekday]), "hours": _hours(*hours) if hours else _("Closed")})
    return rows


def hours_summary(schedule: Schedule | None = None) -> str:
    """The ordinary week in one line, "Monday to Friday, 9am to 5pm; Saturday, 10am to 1pm", from the timetable
    staff keep, so the header can never disagree with the open/closed line. Empty when no hours are set."""
    schedule = schedule if schedule is not None else get_schedule()
    runs: list[list] = []  # [first day, last day, hours] for runs of consecutive days with the same hours
    for weekday in range(7):
        hours = schedule.hours.get(weekday)
        if hours is None:
            continue
        if runs and runs[-1][1] == weekday - 1 and runs[-1][2] == hours:
            runs[-1][1] = weekday
        else:
            runs.append([weekday, weekday, hours])
    parts = []
    for first, last, (opens, closes) in runs:
        names = {"first": WEEKDAYS[first], "last": WEEKDAYS[last]}
        if first == last:
            days = str(WEEKDAYS[first])
        elif last == first + 1:
            days = _("%(first)s and %(last)s") % names
        else:
            days = _("%(first)s to %(last)s") % names
        parts.append(_("%(days)s, %(hours)s") % {"days": days, "hours": _hours(opens, closes)})
    return "; ".join(parts)


def _hours(opens: datetime.time, closes: datetime.time) -> str:
    """9am to 5pm."""
    return _("%(opens)s to %(closes)s") % {"opens": format_time(opens), "closes": format_time(closes)}


def hours_text(site_settings=None) -> str:
    """The hours to print beside the number: the timetable's summary, else the site settings' own text."""
    return hours_summary() or (field_in_reader_language(site_settings, "helpline_hours") if site_settings else "")


def upcoming_closed_days(
    today: datetime.date | None = None, days: int = 45, schedule: Schedule | None = None
) -> list[dict]:
    """Bank holidays and closures in the coming weeks, for the contact page."""
    schedule = schedule if schedule is not None else get_schedule()
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=days)
    items = [
        {"first": day, "last": day, "message": _("Closed for %(holiday)s") % {"holiday": name}}
        for day, name in schedule.bank_holidays.items()
        if today <= day <= horizon
    ]
    items += [
        {"first": first, "last": last, "message": str(message)}
        for first, last, message in schedule.closures
        if last >= today and first <= horizon
    ]
    return sorted(items, key=lambda item: item["first"])


def add_working_days(start: datetime.date, days: int, schedule: Schedule | None = None) -> datetime.date:
    """The date `days` working days after `start`, skipping weekends, bank holidays and closures."""
    schedule = schedule if schedule is not None else get_schedule()
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and schedule.closed_reason(day) is None:
            remaining -= 1
    return day
