"""Honest status: a registry says a trial is recruiting, but only as of the day its record last changed.

A trial whose status can still change (recruiting, opening soon, by invitation, closed to new patients, paused) and
whose registry record has not been updated for more than TRIALS_STATUS_CONFIRMED_MONTHS (default 12) is shown as
"status not confirmed since <date>". It is left out of the default finder, the site search, the booklet box and the
information prescription builder, and can still be reached at its own address and with the finder's "status not
confirmed" filter. A finished, stopped or withdrawn trial needs no confirming; a trial with no date is not confirmed.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from .choices import Status

# Statuses a registry can still change: the ones a stale record may have got wrong.
CHANGEABLE_STATUSES = frozenset(
    {
        Status.RECRUITING,
        Status.NOT_YET_RECRUITING,
        Status.ENROLLING_BY_INVITATION,
        Status.ACTIVE_NOT_RECRUITING,
        Status.SUSPENDED,
    }
)
# What an information prescription may offer: trials a person could still join (or soon), confirmed recently.
OFFERED_STATUSES = (Status.RECRUITING, Status.NOT_YET_RECRUITING)


def today() -> datetime.date:
    """Today in the site's time zone (tests fix it here)."""
    return timezone.localdate()


def months() -> int:
    return max(1, int(settings.TRIALS_STATUS_CONFIRMED_MONTHS))


def months_ago(day: datetime.date, count: int) -> datetime.date:
    """The same day `count` calendar months earlier (the month's last day where it is shorter: 31 March -> 28 or
    29 February)."""
    month_index = day.year * 12 + (day.month - 1) - count
    year, month = divmod(month_index, 12)
    month += 1
    next_month = datetime.date(year + (month == 12), month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def cutoff(on: datetime.date | None = None) -> datetime.date:
    """The oldest registry update that still confirms a status: records updated before this day are not confirmed."""
    return months_ago(on or today(), months())


def is_unconfirmed(status: str, last_updated: datetime.date | None, on: datetime.date | None = None) -> bool:
    if status not in CHANGEABLE_STATUSES:
        return False
    return last_updated is None or last_updated < cutoff(on)
