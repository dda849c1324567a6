"""`{% registry_text text "eligibility" 4 %}`: a registry's text as readable lists (registry_text.py), previewed
when long, with a "Show all" link that works without JavaScript: `?show=eligibility` asks for all of it."""

from django import template
from django.http import QueryDict

from ..holes import FINDER_PARAMETERS
from ..registry_text import render

register = template.Library()

SHOW = "show"
LABELS = {"eligibility": "the eligibility criteria", "summary": "the summary"}


def _link(request, shown: set[str]) -> str:
    """This page's address with the finder's search kept and these texts shown in full."""
    params = QueryDict(mutable=True)
    for key in FINDER_PARAMETERS:
        values = request.GET.getlist(key) if request is not None else []
        if values:
            params[key] = values[-1]
    if shown:
        params.setlist(SHOW, sorted(shown))
    query = params.urlencode()
    return f"?{query}" if query else "?"


@register.inclusion_tag("trials/_registry_text.html", takes_context=True)
def registry_text(context, text: str, name: str, heading_level: int = 3):
    request = context.get("request")
    shown = {value for value in request.GET.getlist(SHOW) if value in LABELS} if request is not None else set()
    rendered = render(text, heading_level=heading_level)
    show_all = name in shown or not rendered.is_long
    return {
        "text": rendered,
        "name": name,
        "label": LABELS.get(name, "all of it"),
        "show_all": show_all,
        "all_url": _link(request, shown | {name}),
        "less_url": _link(request, shown - {name}),
    }
