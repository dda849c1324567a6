"""The search page: reads the query string, calls the search service, renders its part of the page. Thin by design."""

from functools import lru_cache
from urllib.parse import quote, urlencode

from django.shortcuts import render
from django.urls import reverse
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


@lru_cache(maxsize=4096)
def _long_date(day, language: str) -> str:
    """A review date as "3 March 2026", in the reader's language: review dates repeat across results, and
    formatting one took as long as the rest of its result's HTML."""
    return date_format(day, "j F Y")


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
            f"{_long_date(reviewed, translation.get_language())}</time></p>"
        )
    parts.append("</li>")
    return "\n".join(parts)


def title_hole(context) -> str:
    query = page_context(context["request"])["query"]
    return escape(f"Search results for “{query}”" if query else "Search")


def results_hole(context) -> str:
    """Everything below the page's heading, for this query string. Written here rather than in a template: the
    template engine cost about 0.6 ms of CPU per search (of about 6), on every request. Every value is escaped, as
    autoescape would; the <option>s and result items are escaped where they are made."""
    context = page_context(context["request"])
    outcome = context["outcome"]
    query = escape(context["query"])
    search_url = escape(reverse("search"))  # per call: /cy/search/ under Welsh (i18n_patterns)
    parts = [
        f"<h1>Search {escape(context['within_title'])}</h1>" if context["within_title"] else "<h1>Search</h1>",
        f'<form class="search-form site-search" action="{search_url}" method="get" role="search">',
        '<label for="search-query">Search cancer information</label>',
        '<div class="search-form__row">',
        f'<input id="search-query" name="q" type="search" value="{query}" maxlength="200" autocomplete="off">',
        '<button type="submit">Search</button>',
        "</div>",
    ]
    if context["within"]:
        parts.append(f'<input type="hidden" name="within" value="{escape(context["within"])}">')
        parts.append(
            '<p class="site-search__scope">Searching this booklet only. '
            f'<a href="{search_url}?q={quote(context["query"])}">Search the whole site</a></p>'
        )
    filtered = outcome.kinds or context["selected_cancer_type"]
    if (context["searched"] and outcome.total) or filtered:
        parts.append(_filters(context, open_=bool(filtered or context["include_closed"])))
    parts.append("</form>")
    if outcome.suggestion:
        parts.append(
            '<p class="site-search__suggestion">Did you mean '
            f'<a href="{search_url}{escape(context["suggestion_url"])}">{escape(outcome.suggestion)}</a>?</p>'
        )
    if not context["searched"]:
        links = "".join(
            f'<li><a href="{search_url}?q={quote(s)}">{escape(s)}</a></li>' for s in context["suggested_searches"]
        )
        parts += ["<h2>Popular searches</h2>", '<ul class="site-search__suggestions">', links, "</ul>"]
    elif outcome.total:
        page = f", page {outcome.page} of {outcome.pages}" if outcome.pages > 1 else ""
        plural = "" if outcome.total == 1 else "s"
        parts += [
            f'<p class="site-search__summary" role="status">{outcome.total} result{plural} for “{query}”{page}.</p>',
            f'<ol class="search-results" start="{outcome.first_number}">',
            *(result_html(result) for result in context["results"]),
            "</ol>",
        ]
        if outcome.pages > 1:
            parts.append('<nav class="pagination" aria-label="Search result pages">')
            if context["previous_url"]:
                parts.append(f'<a href="{escape(context["previous_url"])}">Previous page</a>')
            parts.append(f"<span>Page {outcome.page} of {outcome.pages}</span>")
            if context["next_url"]:
                parts.append(f'<a href="{escape(context["next_url"])}">Next page</a>')
            parts.append("</nav>")
    else:
        parts += [
            f"<h2>We found nothing for “{query}”</h2>",
            "<ul>",
            "<li>Check the spelling, or try fewer words.</li>",
            "<li>Try an everyday word: “womb” as well as “uterus”, or the other way round.</li>",
        ]
        if filtered:
            parts.append(
                f'<li><a href="{search_url}?q={quote(context["query"])}">Search again without filters</a>.</li>'
            )
        parts.append("</ul>")
    return mark_safe("\n".join(parts))  # noqa: S308 - every value escaped above or where it was made


def _filters(context, open_: bool) -> str:
    """The filters' <details>: open when one is applied."""
    parts = [f'<details class="site-search__filters"{" open" if open_ else ""}>', "<summary>Filter results</summary>"]
    if context["counts"]:
        parts += ["<fieldset>", "<legend>Type of information</legend>"]
        for item in context["counts"]:
            kind = escape(item["kind"])
            checked = " checked" if item["checked"] else ""
            parts += [
                '<div class="site-search__option">',
                f'<input type="checkbox" id="type-{kind}" name="type" value="{kind}"{checked}>',
                f'<label for="type-{kind}">{escape(item["label"])} '
                f'<span class="site-search__count">({item["count"]})</span></label>',
                "</div>",
            ]
        parts.append("</fieldset>")
    if context["cancer_types"]:
        parts += [
            '<label for="filter-cancer-type">Cancer type</label>',
            '<select id="filter-cancer-type" name="cancer_type">',
            '<option value="">All cancer types</option>',
            context["cancer_type_options"],
            "</select>",
        ]
    closed = " checked" if context["include_closed"] else ""
    parts += [
        '<div class="site-search__option">',
        f'<input type="checkbox" id="filter-closed" name="closed"{closed}>',
        '<label for="filter-closed">Include clinical trials that are closed or not updated for two years</label>',
        "</div>",
        '<button type="submit" class="site-search__apply">Apply filters</button>',
        "</details>",
    ]
    return "\n".join(parts)


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
