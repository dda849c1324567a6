from django import template
from django.template.loader import render_to_string

from cancerinfo.core.page_cache import limit_cache_lifetime

from ..services import hours_text, status_at

register = template.Library()


@register.inclusion_tag("helpline/status.html", takes_context=True)
def helpline_status(context):
    """ "Open now, until 5pm" / "Closed. Opens at 9am Monday": one cache read, no JavaScript.
    Caches in front may keep the page only until the line changes."""
    status = status_at()
    if status.changes_at is not None:
        limit_cache_lifetime(context.get("request"), (status.changes_at - status.now).total_seconds())
    return {"status": status}


def helpline_status_html(context) -> str:
    """The status line on its own: a hole in kept renderings of pages (core/rendering.py)."""
    return render_to_string("helpline/status.html", helpline_status(context))


@register.simple_tag
def helpline_hours(site_settings=None):
    """The opening hours in words: from the weekly timetable when staff have set one, else the site settings' text."""
    return hours_text(site_settings)
