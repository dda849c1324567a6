"""The helpline's hours and open/closed line are in the reader's language: Welsh on Welsh pages (locale/cy), from the
same timetable as the English."""

import datetime

import pytest
from django.utils import translation

from cancerinfo.helpline.services import UK, hours_summary, status_at, weekly_table

pytestmark = pytest.mark.django_db


def at(*args):
    return datetime.datetime(*args, tzinfo=UK)


def test_the_week_in_one_line_in_welsh():
    with translation.override("cy"):
        assert hours_summary() == "Dydd Llun – Dydd Gwener, 9yb i 5yh"
        assert weekly_table()[0] == {"day": "Dydd Llun", "hours": "9yb i 5yh"}
        assert weekly_table()[6] == {"day": "Dydd Sul", "hours": "Ar gau"}
    assert hours_summary() == "Monday to Friday, 9am to 5pm"  # English everywhere else


def test_open_and_closed_in_welsh():
    with translation.override("cy"):
        assert status_at(at(2026, 11, 25, 14, 0)).text == "Ar agor nawr, tan 5yh"
        assert status_at(at(2026, 11, 25, 14, 0)).short_text == "Ar agor tan 5yh"
        assert status_at(at(2026, 11, 25, 17, 0)).text == "Ar gau. Yn agor am 9yb yfory"
        assert status_at(at(2026, 11, 27, 17, 30)).text == "Ar gau. Yn agor am 9yb ddydd Llun"
        assert status_at(at(2026, 11, 27, 17, 30)).short_text == "Ar gau, yn agor 9yb Llu"
    assert status_at(at(2026, 11, 27, 17, 30)).text == "Closed. Opens at 9am Monday"
