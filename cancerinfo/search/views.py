"""The search page: reads the query string, calls the search service, renders. Thin by design."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from . import forms, services
from .registry import kinds

SUGGESTED_SEARCHES = ["bowel cancer symptoms", "chemotherapy side effects", "womb cancer", "talking to children"]


def _page_url(params: dict, page: int) -> str:
    query = {"q": params["q"], "page": page}
    pairs = list(query.items()) + [("type", t) for t in params["type"]]
    if params["cancer_type"]:
        pairs.append(("cancer_type", params["cancer_type"]))
    if params["within"]:
        pairs.append(("within", params["within"]))
    if params["closed"]:
        pairs.append(("closed", "on"))
    return "?" + urlencode(pairs)


_options: tuple[object, SafeString] | None = None  # (the names they were made from, the <option>s)


def cancer_type_options(names: dict[str, str], selected: str) -> SafeString:
    """The cancer type filter's <option>s (a hundred in the demo). Written once per list of names, not per request:
    a template loop over them was about a fifth of the page's rendering."""
    global _options
    kept = _options
    if kept is None or kept[0] is not names:
        kept = _options = (names, format_html_join("", '<option value="{}">{}</option>', names.items()))
    html = kept[1]
    if selected in names:
        chosen = format_html('<option value="{}">', selected)
        html = mark_safe(html.replace(chosen, chosen[:-1] + " selected>", 1))  # noqa: S308 - escaped above
    return html


def search(request):
    params = forms.read(request.GET)
    outcome = services.search(
        params["q"],
        kinds=params["type"],
        cancer_type=params["cancer_type"],
        page=params["page"],
        within=params["within"],
        include_closed=params["closed"],
    )
    within_page = None
    if params["within"]:
        within_page = Page.objects.live().public().filter(url_path__endswith=params["within"]).first()
    options = services.filter_options()
    counts = [
        {"kind": kind, "label": label, "count": outcome.counts.get(kind, 0), "checked": kind in params["type"]}
        for kind, label in kinds().items()
        if outcome.counts.get(kind) or kind in params["type"]
    ]
    context = {
        "query": params["q"],
        "outcome": outcome,
        "results": outcome.results,
        "counts": counts,
        "cancer_types": options["cancer_types"],
        "cancer_type_options": cancer_type_options(options["cancer_types"], params["cancer_type"]),
        "selected_cancer_type": params["cancer_type"],
        "within": params["within"],
        "include_closed": params["closed"],
        "within_title": within_page.title if within_page else "",
        "suggested_searches": SUGGESTED_SEARCHES,
        "previous_url": _page_url(params, outcome.page - 1) if outcome.has_previous else "",
        "next_url": _page_url(params, outcome.page + 1) if outcome.has_next else "",
        "suggestion_url": "?" + urlencode({"q": outcome.suggestion}) if outcome.suggestion else "",
        "searched": bool(params["q"]),
    }
    return render(request, "search/search.html", context)
