"""Bank holiday names and closure messages have a Welsh version beside the English: on a Welsh page the helpline says
why it is closed in Welsh, and in English where nobody wrote the Welsh."""

import datetime

import pytest
from django.utils import translation

from cancerinfo.helpline.models import BankHoliday, Closure
from cancerinfo.helpline.services import UK, status_at, upcoming_closed_days

pytestmark = pytest.mark.django_db

CHRISTMAS = datetime.date(2026, 12, 25)


def at(*args):
    return datetime.datetime(*args, tzinfo=UK)


def test_a_bank_holiday_is_named_in_welsh_on_welsh_pages():
    BankHoliday.objects.filter(date=CHRISTMAS).update(name="Christmas Day", name_cy="Dydd Nadolig")
    BankHoliday.objects.get(date=CHRISTMAS).save()  # an editor's save: the schedule is read again

    with translation.override("cy"):
        assert status_at(at(2026, 12, 25, 10, 0)).text.startswith("Ar gau ar gyfer Dydd Nadolig.")
    assert status_at(at(2026, 12, 25, 10, 0)).text.startswith("Closed for Christmas Day.")


def test_a_closure_message_is_in_welsh_on_welsh_pages_and_english_when_the_welsh_is_blank():
    Closure.objects.create(
        first_date=datetime.date(2026, 11, 18),
        last_date=datetime.date(2026, 11, 18),
        message="Closed for staff training.",
        message_cy="Ar gau ar gyfer hyfforddiant staff.",
    )
    Closure.objects.create(
        first_date=datetime.date(2026, 11, 19), last_date=datetime.date(2026, 11, 19), message="Closed for repairs."
    )

    with translation.override("cy"):
        assert status_at(at(2026, 11, 18, 10, 0)).text.startswith("Ar gau ar gyfer hyfforddiant staff.")
        assert status_at(at(2026, 11, 19, 10, 0)).text.startswith("Closed for repairs.")  # no Welsh: the English
        closed = upcoming_closed_days(today=datetime.date(2026, 11, 17), days=3)
        assert [day["message"] for day in closed] == ["Ar gau ar gyfer hyfforddiant staff.", "Closed for repairs."]
    assert status_at(at(2026, 11, 18, 10, 0)).text.startswith("Closed for staff training.")
