"""Seed the helpline's ordinary hours (Monday to Friday, 9am to 5pm) and the England and Wales bank holidays."""

import datetime

from django.db import migrations

BANK_HOLIDAYS = [
    ("2026-01-01", "New Year's Day"),
    ("2026-04-03", "Good Friday"),
    ("2026-04-06", "Easter Monday"),
    ("2026-05-04", "Early May bank holiday"),
    ("2026-05-25", "Spring bank holiday"),
    ("2026-08-31", "Summer bank holiday"),
    ("2026-12-25", "Christmas Day"),
    ("2026-12-28", "Boxing Day (substitute day)"),
    ("2027-01-01", "New Year's Day"),
    ("2027-03-26", "Good Friday"),
    ("2027-03-29", "Easter Monday"),
    ("2027-05-03", "Early May bank holiday"),
    ("2027-05-31", "Spring bank holiday"),
    ("2027-08-30", "Summer bank holiday"),
    ("2027-12-27", "Christmas Day (substitute day)"),
    ("2027-12-28", "Boxing Day (substitute day)"),
]


def seed(apps, schema_editor):
    WeeklyHours = apps.get_model("helpline", "WeeklyHours")
    BankHoliday = apps.get_model("helpline", "BankHoliday")
    for weekday in range(5):
        WeeklyHours.objects.get_or_create(
            weekday=weekday, defaults={"opens": datetime.time(9), "closes": datetime.time(17)}
        )
    for day, name in BANK_HOLIDAYS:
        BankHoliday.objects.get_or_create(date=datetime.date.fromisoformat(day), defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("helpline", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
