"""The nurse helpline's opening hours: a weekly timetable, bank holidays and one-off closures, all in UK time."""

from django.core.exceptions import ValidationError
from django.db import models


class WeeklyHours(models.Model):
    """When the helpline is open on one day of an ordinary week. A day with no row is a closed day."""

    MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)
    WEEKDAY_CHOICES = [
        (MONDAY, "Monday"),
        (TUESDAY, "Tuesday"),
        (WEDNESDAY, "Wednesday"),
        (THURSDAY, "Thursday"),
        (FRIDAY, "Friday"),
        (SATURDAY, "Saturday"),
        (SUNDAY, "Sunday"),
    ]

    weekday = models.PositiveSmallIntegerField(choices=WEEKDAY_CHOICES, unique=True)
    opens = models.TimeField(help_text="UK time, for example 09:00.")
    closes = models.TimeField(help_text="UK time, for example 17:00.")

    class Meta:
        ordering = ["weekday"]
        verbose_name = "weekly opening hours"
        verbose_name_plural = "weekly opening hours"

    def __str__(self) -> str:
        return f"{self.get_weekday_display()}: {self.opens:%H:%M} to {self.closes:%H:%M}"

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": "The closing time must be after the opening time."})


class BankHoliday(models.Model):
    """A public holiday: the helpline is closed all day."""

    date = models.DateField(unique=True)
    name = models.CharField(max_length=100)
    name_cy = models.CharField(
        "name in Welsh", max_length=100, blank=True, help_text="Shown on Welsh pages. Blank: the English name."
    )

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.name} ({self.date:%d %B %Y})"


class Closure(models.Model):
    """A one-off closure (training day, system work): closed from the first to the last date, with a message."""

    first_date = models.DateField()
    last_date = models.DateField(help_text="The last day we are closed. The same as the first date for one day.")
    message = models.CharField(
        max_length=200, help_text="Shown while we are closed, for example: Closed for staff training."
    )
    message_cy = models.CharField(
        "message in Welsh",
        max_length=200,
        blank=True,
        help_text="Shown on Welsh pages, for example: Ar gau ar gyfer hyfforddiant staff. Blank: the English message.",
    )

    class Meta:
        ordering = ["first_date"]

    def __str__(self) -> str:
        if self.first_date == self.last_date:
            return f"{self.first_date:%d %B %Y}: {self.message}"
        return f"{self.first_date:%d %B %Y} to {self.last_date:%d %B %Y}: {self.message}"

    def clean(self):
        if self.first_date and self.last_date and self.last_date < self.first_date:
            raise ValidationError({"last_date": "The last date cannot be before the first date."})
