"""The search page: reads the query string, calls the search service, renders its part of the page. Thin by design."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dateformat import format as date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from cancerinfo.delivery.context_processors import site_and_settings
from cancerinfo.delivery.rendering import keep_like_page, query_in_holes, register_hole

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


def page_context(request) -> dict:
    """What the search page shows for this request's query string: worked out once, read by both holes."""
    context = getattr(request, "search_page_context", None)
    if context is not None:
        return context
    params = forms.read(request.GET)
    outcome = services.search(
        params["q"],
        kinds=params["type"],
        cancer_type=params["cancer_type"],
        page=params["page"],
        within=params["within"],
        include_closed=params["closed"],
        language=translation.get_language(),  # /cy/search/ finds Welsh pages (and English ones)
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
    context = request.search_page_context = {
        "request": request,
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
    return context


def result_html(result) -> str:
    """One result as a list item: written here, not in a template loop, because a page of ten cost a millisecond
    there (the search page's own rendering, on every new query)."""
    document = result.document
    label = "Recommended" if result.promoted else escape(result.kind_label)
    parts = [
        f'<li class="search-result{" search-result--promoted" if result.promoted else ""}">',
        f'<p class="search-result__label">{label}</p>',
        f'<h2 class="search-result__title"><a href="{escape(document.url)}">{escape(document.title)}</a></h2>',
    ]
    if document.parent:
        parent = f'<a href="{escape(document.parent_url)}">{escape(document.parent)}</a>'
        parts.append(f'<p class="search-result__parent">In {parent}</p>')
    if result.snippet:  # already escaped, with <mark> around the words matched (services._snippet)
        parts.append(f'<p class="search-result__snippet">{result.snippet}</p>')
    reviewed = document.review_date
    if reviewed:
        parts.append(
            f'<p class="search-result__date">Reviewed <time datetime="{reviewed:%Y-%m-%d}">'
            f"{date_format(reviewed, 'j F Y')}</time></p>"
        )
    parts.append("</li>")
    return "\n".join(parts)


def title_hole(context) -> str:
    query = page_context(context["request"])["query"]
    return escape(f"Search results for “{query}”" if query else "Search")


def results_hole(context) -> str:
    context = page_context(context["request"])
    items = SafeString("\n".join(result_html(result) for result in context["results"]))  # escaped in result_html
    return render_to_string("search/_search.html", {**context, "result_items": items})


def register_holes() -> None:
    register_hole("search_title", title_hole)
    register_hole("search", results_hole)


def search(request):
    """The page's title and everything below its heading read the query string, so they are holes (above): the rest
    is kept rendered once (delivery/rendering.py), as a page of the site's home, and each search renders only its
    own part. A search costs no rendering of the header, footer or navigation."""
    request.in_every_language = True  # /cy/search/ is the same page in Welsh: the language switch leads there
    site = site_and_settings(request)[0]
    if site is not None:
        keep_like_page(request, site.root_page)
        query_in_holes(request)
    return render(request, "search/search.html", {})
