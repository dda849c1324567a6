from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import BankHoliday, Closure, WeeklyHours


class WeeklyHoursViewSet(SnippetViewSet):
    model = WeeklyHours
    icon = "time"
    menu_label = "Weekly hours"
    list_display = ["weekday", "opens", "closes"]


class BankHolidayViewSet(SnippetViewSet):
    model = BankHoliday
    icon = "date"
    menu_label = "Bank holidays"
    list_display = ["date", "name"]


class ClosureViewSet(SnippetViewSet):
    model = Closure
    icon = "warning"
    menu_label = "Closures"
    list_display = ["first_date", "last_date", "message"]


class HelplineGroup(SnippetViewSetGroup):
    menu_label = "Helpline hours"
    menu_icon = "time"
    items = (WeeklyHoursViewSet, BankHolidayViewSet, ClosureViewSet)


register_snippet(HelplineGroup)
