"""The "Open now / Opens at 9am Monday" line, worked out in UK time from the seeded hours (Mon-Fri, 9am to 5pm)."""

import datetime

import pytest

from cancerinfo.helpline.models import BankHoliday, Closure, WeeklyHours
from cancerinfo.helpline.services import UK, add_working_days, get_schedule, hours_summary, status_at

UTC = datetime.UTC


def at(*args, tz=UK):
    return datetime.datetime(*args, tzinfo=tz)


pytestmark = pytest.mark.django_db


def test_open_on_a_weekday_afternoon():
    status = status_at(at(2026, 11, 25, 14, 0))  # Wednesday
    assert status.is_open
    assert status.text == "Open now, until 5pm"


def test_closed_before_opening_opens_today():
    assert status_at(at(2026, 11, 25, 8, 15)).text == "Closed. Opens at 9am today"


def test_closed_in_the_evening_opens_tomorrow():
    assert status_at(at(2026, 11, 25, 17, 0)).text == "Closed. Opens at 9am tomorrow"


def test_across_a_weekend_opens_monday():
    for moment in (at(2026, 11, 27, 17, 30), at(2026, 11, 28, 12, 0), at(2026, 11, 29, 23, 59)):
        status = status_at(moment)
        assert not status.is_open
        assert status.next_opening == at(2026, 11, 30, 9, 0)
    assert status_at(at(2026, 11, 27, 17, 30)).text == "Closed. Opens at 9am Monday"
    assert status_at(at(2026, 11, 29, 20, 0)).text == "Closed. Opens at 9am tomorrow"


def test_bank_holiday_is_closed_all_day_with_its_name():
    # Monday 31 August 2026 is the summer bank holiday, seeded by the migration.
    status = status_at(at(2026, 8, 31, 11, 0))
    assert not status.is_open
    assert status.text == "Closed for Summer bank holiday. Opens at 9am tomorrow"


def test_christmas_closures_chain_bank_holidays_and_weekend():
    # Christmas Day (Fri), weekend, Boxing Day substitute (Mon 28th): next open Tuesday 29 December.
    status = status_at(at(2026, 12, 24, 18, 0))
    assert status.next_opening == at(2026, 12, 29, 9, 0)
    assert status.text == "Closed. Opens at 9am Tuesday"


def test_the_short_line_for_a_phone_says_when_we_open_in_few_words():
    assert status_at(at(2026, 11, 25, 14, 0)).short_text == "Open until 5pm"
    assert status_at(at(2026, 11, 25, 8, 15)).short_text == "Closed, opens 9am today"
    assert status_at(at(2026, 11, 25, 17, 0)).short_text == "Closed, opens 9am tomorrow"
    assert status_at(at(2026, 11, 27, 17, 30)).short_text == "Closed, opens 9am Mon"
    assert status_at(at(2026, 8, 31, 11, 0)).short_text == "Closed, opens 9am tomorrow"  # the reason is left out
    Closure.objects.create(
        first_date=datetime.date(2026, 12, 21),
        last_date=datetime.date(2026, 12, 28),
        message="Closed for the holidays while the nurses are on leave. We are sorry",
    )
    status = status_at(at(2026, 12, 21, 10, 0))
    assert status.text.startswith("Closed for the holidays while the nurses are on leave.")
    assert status.short_text == "Closed, opens 9am Tue 29 Dec"


def test_spring_clock_change_uses_british_summer_time():
    # Clocks go forward at 1am on Sunday 29 March 2026. 08:30 UTC on Monday is 9:30am in the UK: open.
    monday = datetime.datetime(2026, 3, 30, 8, 30, tzinfo=UTC)
    status = status_at(monday)
    assert status.is_open
    assert status.closes_at == datetime.datetime(2026, 3, 30, 16, 0, tzinfo=UTC)
    # On Friday (still GMT) the line closed at 17:00 UTC; the next opening is 08:00 UTC on Monday.
    friday = datetime.datetime(2026, 3, 27, 17, 30, tzinfo=UTC)
    status = status_at(friday)
    assert status.next_opening == datetime.datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    assert status.text == "Closed. Opens at 9am Monday"
    # During the missing hour itself nothing breaks.
    assert not status_at(datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)).is_open


def test_autumn_clock_change_back_to_greenwich_time():
    # Clocks go back at 2am on Sunday 25 October 2026. 08:30 UTC on Monday is 8:30am in the UK: not yet open.
    status = status_at(datetime.datetime(2026, 10, 26, 8, 30, tzinfo=UTC))
    assert not status.is_open
    assert status.text == "Closed. Opens at 9am today"
    assert status_at(datetime.datetime(2026, 10, 26, 9, 0, tzinfo=UTC)).is_open
    # The Friday before (BST): 16:30 UTC is 5:30pm in the UK, closed.
    assert not status_at(datetime.datetime(2026, 10, 23, 16, 30, tzinfo=UTC)).is_open
    # The repeated hour (1am to 2am happens twice) is handled.
    assert not status_at(datetime.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)).is_open


def test_closure_shows_its_message_and_the_next_opening():
    Closure.objects.create(
        first_date=datetime.date(2026, 12, 1), last_date=datetime.date(2026, 12, 2), message="Closed for staff training"
    )
    status = status_at(at(2026, 12, 1, 10, 0))
    assert not status.is_open
    assert status.text == "Closed for staff training. Opens at 9am Thursday"
    assert status_at(at(2026, 12, 3, 10, 0)).is_open


def test_next_opening_far_away_names_the_date():
    Closure.objects.create(
        first_date=datetime.date(2026, 12, 1), last_date=datetime.date(2026, 12, 20), message="Closed for moving"
    )
    assert status_at(at(2026, 12, 1, 10, 0)).text == "Closed for moving. Opens at 9am on Monday 21 December"


def test_hours_edited_in_the_admin_take_effect_straight_away():
    assert not status_at(at(2026, 11, 28, 10, 0)).is_open  # Saturday, cached schedule
    WeeklyHours.objects.create(weekday=WeeklyHours.SATURDAY, opens=datetime.time(10), closes=datetime.time(12, 30))
    status = status_at(at(2026, 11, 28, 10, 0))
    assert status.is_open
    assert status.text == "Open now, until 12:30pm"


def test_no_opening_hours_at_all_just_says_closed():
    WeeklyHours.objects.all().delete()
    assert status_at(at(2026, 11, 25, 10, 0)).text == "Closed."


def test_bank_holidays_for_2026_and_2027_are_seeded():
    days = set(BankHoliday.objects.values_list("date", flat=True))
    assert datetime.date(2026, 12, 28) in days
    assert datetime.date(2027, 3, 26) in days
    assert len([d for d in days if d.year == 2027]) == 8


def test_working_days_skip_weekends_and_bank_holidays():
    schedule = get_schedule()
    assert add_working_days(datetime.date(2026, 11, 27), 3, schedule) == datetime.date(2026, 12, 2)
    assert add_working_days(datetime.date(2026, 12, 23), 3, schedule) == datetime.date(2026, 12, 30)


def test_header_shows_the_status_line(client, site_tree):
    response = client.get("/")
    assert response.status_code == 200
    assert b'class="helpline__status' in response.content


def test_status_line_costs_no_queries_once_the_schedule_is_cached(django_assert_num_queries):
    get_schedule()
    with django_assert_num_queries(0):
        status_at()


def test_the_schedule_is_kept_in_the_process_until_an_editor_changes_it(monkeypatch):
    from django.core.cache import cache

    get_schedule()
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: pytest.fail("the status line read the cache"))
    assert status_at(datetime.datetime(2026, 12, 7, 10, tzinfo=UK)).is_open  # a Monday morning
    WeeklyHours.objects.filter(weekday=WeeklyHours.MONDAY).update(opens=datetime.time(11))
    assert status_at(datetime.datetime(2026, 12, 7, 10, tzinfo=UK)).is_open  # update() sends no signal
    WeeklyHours.objects.get(weekday=WeeklyHours.MONDAY).save()  # a save in the admin does
    assert not status_at(datetime.datetime(2026, 12, 7, 10, tzinfo=UK)).is_open


def test_the_hours_in_words_come_from_the_weekly_timetable():
    assert hours_summary() == "Monday to Friday, 9am to 5pm"
    WeeklyHours.objects.create(weekday=WeeklyHours.SATURDAY, opens=datetime.time(10), closes=datetime.time(13))
    WeeklyHours.objects.filter(weekday=WeeklyHours.WEDNESDAY).update(closes=datetime.time(20))
    assert hours_summary() == (
        "Monday and Tuesday, 9am to 5pm; Wednesday, 9am to 8pm; Thursday and Friday, 9am to 5pm; Saturday, 10am to 1pm"
    )


def test_header_and_footer_show_the_timetable_so_they_never_disagree_with_the_open_now_line(client, site_tree):
    from cancerinfo.core.models import SiteSettings

    settings = SiteSettings.objects.get()
    settings.helpline_hours = "Every day, all day"  # out of date text an editor forgot
    settings.save()
    WeeklyHours.objects.filter(weekday=WeeklyHours.FRIDAY).update(closes=datetime.time(16, 30))
    html = client.get("/").content.decode()
    assert '<p class="helpline__hours">Monday to Thursday, 9am to 5pm; Friday, 9am to 4:30pm</p>' in html
    assert "Monday to Thursday, 9am to 5pm; Friday, 9am to 4:30pm." in html  # the footer
    assert "Every day, all day" not in html


def test_without_a_timetable_the_site_settings_text_is_shown(client, site_tree):
    WeeklyHours.objects.all().delete()
    assert hours_summary() == ""
    html = client.get("/").content.decode()
    assert '<p class="helpline__hours">Monday to Friday, 9am to 5pm</p>' in html  # the settings' default text
