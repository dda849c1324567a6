"""Link the first use of each glossary term on a page to its definition, at render time.

Registered in settings.CONTENT_HTML_PROCESSORS. Names inside headings, links, buttons, code and similar are
left alone, and tags (so attributes) are never changed.
"""

import re
from html import escape

from .matching import NOT_AFTER, Matcher, TermEntry, shadow

# Elements whose text never gets a glossary link.
SKIP_ELEMENTS = frozenset(
    {
        "a", "abbr", "button", "code", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label", "math", "option",
        "pre", "samp", "script", "select", "style", "summary", "svg", "textarea", "title", "var",
    }
)  # fmt: skip
REQUEST_STATE = "_glossary_state"


class PageState:
    """Which terms a page has linked so far, so a page rendering several streams links each term once."""

    def __init__(self):
        self.seen: set[int] = set()
        self.linked: list[TermEntry] = []
        self.stylesheet_sent = False


def page_state(request, page) -> PageState:
    if request is None:
        return PageState()
    states = getattr(request, REQUEST_STATE, None)
    if states is None:
        states = {}
        setattr(request, REQUEST_STATE, states)
    key = getattr(page, "pk", None) or id(page)
    if key not in states:
        states[key] = PageState()
    return states[key]


def term_markup(entry: TermEntry, text: str, term_url: str, popover_id: str) -> str:
    """A link to the term's page, then a button that opens its definition in a native popover (no JavaScript).

    The button and popover carry `hidden` so that where glossary.css is not loaded (a PDF, a feed reader) only the
    link shows; glossary.css shows them in browsers.

    Everything from the glossary is escaped; text is the page's own HTML for the words that matched."""
    name = escape(entry.term)
    pronunciation = (
        f' <span class="glossary-term__pronunciation">({escape(entry.pronunciation)})</span>'
        if entry.pronunciation
        else ""
    )
    source = f' <span class="glossary-term__source">{escape(entry.attribution)}.</span>' if entry.attribution else ""
    return (
        f'<span class="glossary-term">'
        f'<a class="glossary-term__link" href="{escape(term_url)}">{text}</a>'
        f'<button type="button" class="glossary-term__toggle" popovertarget="{popover_id}" '
        f'data-glossary-toggle="{escape(entry.slug)}" hidden>'
        f'<span aria-hidden="true">?</span><span class="visually-hidden">What does {name} mean?</span></button>'
        f'<span class="glossary-term__popover" id="{popover_id}" popover hidden>'
        f'<strong class="glossary-term__name">{name}</strong>{pronunciation}'
        f' <span class="glossary-term__definition">{escape(entry.definition)}</span>{source}'
        f' <button type="button" class="glossary-term__close" popovertarget="{popover_id}" '
        f'popovertargetaction="hide">Close<span class="visually-hidden"> the meaning of {name}</span></button>'
        f"</span></span>"
    )


_SKIP_REGIONS = re.compile(
    r"<!--.*?-->|<(" + "|".join(sorted(SKIP_ELEMENTS)) + r")(?=[\s>/])[^>]*>.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)


def skip_regions(html: str) -> list[tuple[int, int]]:
    """Where links must not go: comments and whole headings, links, buttons, code... (in document order)."""
    if "<" not in html:
        return []
    return [match.span() for match in _SKIP_REGIONS.finditer(html)]


def link_html(
    html: str, matcher: Matcher, base_url: str, state: PageState, id_prefix: str = "glossary-", stylesheet: str = ""
) -> str:
    """The linking itself, free of Django: html in, html out. Terms already in state.seen are not linked again.

    One regex scan finds every name in the whole HTML; a hit is dropped if it sits inside a tag (an attribute)
    or inside a skipped element. Only hits cost Python time, so a long section stays fast."""
    if matcher.pattern is None or not html:
        return html
    seen = state.seen
    regions = skip_regions(html)
    region_index, region_count = 0, len(regions)
    rfind = html.rfind
    quick_get = matcher.insensitive.get
    sensitive_lower = matcher.sensitive_lower
    pieces = []
    cursor = 0
    # The hot loop: most hits are repeats of words already linked, so those cost one dict lookup and a set test.
    for match in matcher.pattern.finditer(shadow(html)):
        key = match.group()
        entry = None if key in sensitive_lower else quick_get(key)
        if entry is None:
            entry = matcher.lookup(key, html[match.start() : match.end()])
            if entry is None:  # e.g. "all" in lower case against the acronym ALL
                continue
        if entry.id in seen:
            continue
        start, end = match.span()
        if start and html[start - 1] in NOT_AFTER:
            continue  # "non-cancerous", "&amp;"
        while region_index < region_count and regions[region_index][1] <= start:
            region_index += 1
        if region_index < region_count and regions[region_index][0] < end:
            continue  # inside a heading, link, code...
        if rfind("<", 0, start) > rfind(">", 0, start):
            continue  # inside a tag: an attribute value
        seen.add(entry.id)
        state.linked.append(entry)
        pieces.append(html[cursor:start])
        pieces.append(term_markup(entry, html[start:end], f"{base_url}{entry.slug}/", f"{id_prefix}{entry.slug}"))
        cursor = end
    if not pieces:
        return html
    pieces.append(html[cursor:])
    if stylesheet and not state.stylesheet_sent:  # once per page (per call when there is no request)
        state.stylesheet_sent = True
        pieces.insert(0, f'<link rel="stylesheet" href="{escape(stylesheet)}">')
    return "".join(pieces)


def link_glossary_terms(html: str, page=None, request=None) -> str:
    """Content processor: f(html, page=..., request=...) -> html. Off when there is no page or its switch is off."""
    if page is None or not getattr(page, "link_glossary_terms", False):
        return html
    from django.templatetags.static import static

    from .services import get_matcher, glossary_base_url

    matcher = get_matcher()
    if matcher.pattern is None:
        return html
    state = page_state(request, page)
    prefix = f"glossary-{page.pk}-" if getattr(page, "pk", None) else "glossary-"
    # Without a request (a PDF, an e-mail) there is no browser to style the definitions: the links stand alone.
    stylesheet = static("glossary/glossary.css") if request is not None else ""
    return link_html(html, matcher, glossary_base_url(), state, prefix, stylesheet=stylesheet)
