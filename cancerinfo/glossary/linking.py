"""Link the first use of each glossary term on a page to its definition, at render time.

Registered in settings.CONTENT_HTML_PROCESSORS. The HTML is split on tags with one regex; text nodes inside
headings, links, buttons, code and similar are left alone, and tags (so attributes) are never changed.
"""

import re
from html import escape

from .matching import MASK, Matcher, TermEntry, shadow

# Elements whose text never gets a glossary link.
SKIP_ELEMENTS = frozenset(
    {
        "a", "abbr", "button", "code", "dfn", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "label", "math", "option",
        "pre", "samp", "script", "select", "style", "summary", "svg", "textarea", "title", "var",
    }
)  # fmt: skip
# A tag, comment or doctype; quoted attribute values may hold ">".
_TAG = re.compile(r"""(<!--.*?-->|<[a-zA-Z/!?](?:"[^"]*"|'[^']*'|[^'">])*>)""", re.DOTALL)
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
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


def masked_shadow(html: str) -> str:
    """shadow(html) with every tag, comment and the text of SKIP_ELEMENTS replaced by MASK (same length)."""
    pieces = []
    skip_depth = 0
    cursor = 0
    for match in _TAG.finditer(html):
        start, end = match.span()
        if start > cursor:
            text = html[cursor:start]
            pieces.append(MASK * len(text) if skip_depth else shadow(text))
        pieces.append(MASK * (end - start))
        cursor = end
        name = _TAG_NAME.match(match.group())
        if name is not None and name.group(2).lower() in SKIP_ELEMENTS:
            if name.group(1):
                skip_depth = max(0, skip_depth - 1)
            elif not match.group().endswith("/>"):
                skip_depth += 1
    if cursor < len(html):
        text = html[cursor:]
        pieces.append(MASK * len(text) if skip_depth else shadow(text))
    return "".join(pieces)


def link_html(
    html: str, matcher: Matcher, base_url: str, state: PageState, id_prefix: str = "glossary-", stylesheet: str = ""
) -> str:
    """The linking itself, free of Django: html in, html out. Terms already in state.seen are not linked again."""
    if matcher.pattern is None or not html:
        return html
    seen = state.seen
    pieces = []
    cursor = 0
    for start, end, entry in matcher.find(html, masked_shadow(html)):
        if entry.id in seen:
            continue
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
