from django import template

from ..services import status_at

register = template.Library()


@register.inclusion_tag("helpline/status.html")
def helpline_status():
    """ "Open now, until 5pm" / "Closed. Opens at 9am Monday": one cache read, no JavaScript."""
    return {"status": status_at()}
