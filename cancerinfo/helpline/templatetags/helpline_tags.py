from django import template
from django.template.loader import render_to_string

from ..services import hours_text, status_at

register = template.Library()


@register.inclusion_tag("helpline/status.html")
def helpline_status():
    """ "Open now, until 5pm" / "Closed. Opens at 9am Monday": one cache read, no JavaScript. How long a page
    showing it may be kept is declared with its hole (apps.py), not decided here."""
    return {"status": status_at()}


def helpline_status_html(context) -> str:
    """The status line on its own: a hole in kept renderings of pages (delivery/rendering.py)."""
    return render_to_string("helpline/status.html", helpline_status())


@register.simple_tag
def helpline_hours(site_settings=None):
    """The opening hours in words: from the weekly timetable when staff have set one, else the site settings' text."""
    return hours_text(site_settings)
