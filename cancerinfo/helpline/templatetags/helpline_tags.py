from django import template

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


@register.simple_tag
def helpline_hours(site_settings=None):
    """The opening hours in words: from the weekly timetable when staff have set one, else the site settings' text."""
    return hours_text(site_settings)
