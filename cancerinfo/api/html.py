"""A page's StreamField as clean HTML and as plain blocks, for others to show on their own sites.

Clean means: only structural tags (no classes, styles, scripts or our own markup hooks), every address absolute,
and none of the site's own processing (glossary links are ours to show, not the reuser's).
"""

import re

import nh3
from bs4 import BeautifulSoup

TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "b", "i", "br", "table", "thead", "tbody", "tr",
    "th", "td", "caption", "blockquote", "figure", "figcaption", "img", "aside", "section", "div", "sup", "sub",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
RELATIVE_ADDRESS = re.compile(r'(href|src)="/(?!/)')
EMPTY_WRAPPERS = re.compile(r"<div>\s*</div>")


def clean_html(markup: str, base_url: str) -> str:
    cleaned = nh3.clean(
        str(markup), tags=TAGS, attributes=ATTRIBUTES, url_schemes={"http", "https", "mailto", "tel"}, link_rel=None
    )
    cleaned = RELATIVE_ADDRESS.sub(lambda match: f'{match.group(1)}="{base_url}/', cleaned)
    return EMPTY_WRAPPERS.sub("", cleaned).strip()


def plain_text(markup: str) -> str:
    return " ".join(BeautifulSoup(str(markup), "html.parser").get_text(" ").split())


def stream_blocks(stream, base_url: str) -> list[dict]:
    """One entry per block: its type, its clean HTML and its plain text."""
    blocks = []
    for child in stream or []:
        html = clean_html(child.render(), base_url)
        blocks.append({"type": child.block_type, "id": child.id or "", "html": html, "text": plain_text(html)})
    return blocks


def stream_html(blocks: list[dict]) -> str:
    return "\n".join(block["html"] for block in blocks)


def richtext_html(value: str, base_url: str) -> str:
    from wagtail.rich_text import expand_db_html

    return clean_html(expand_db_html(value or ""), base_url) if value else ""
