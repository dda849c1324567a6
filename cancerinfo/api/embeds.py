"""oEmbed and embeddable cards: a booklet, a booklet section or a glossary term, shown on hospital and GP sites.

A card (/embed/<kind>/<key>/) is a small page of its own: title, a short summary or definition, when it was last
reviewed, who wrote it, a link to read more here, and the terms of reuse. Other sites frame it, so it sets no cookie,
runs no script and asks nothing of anyone else (the headers: delivery/headers.py). The oEmbed answer
(/api/oembed?url=...) hands a consumer the <iframe> for one of our page addresses.

What may be embedded follows the API's rules (resources.py): published pages outside private areas, and a section
only while its booklet is published too. Glossary terms while the glossary itself is published and public.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import unquote, urlencode, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.html import format_html
from django.utils.text import Truncator

from . import resources
from .reuse import TERMS_PATH

KINDS = ("booklet", "section", "glossary")
MAX_URL_LENGTH = 2048
MAX_PAGE_ID = 2_147_483_647
MAX_SIZE = 10_000  # pixels: anything a consumer could mean by maxwidth or maxheight
SUMMARY_CHARACTERS = 220
# A card's size when the consumer sets no limit (a 220-character summary fits). A narrower card wraps its text onto
# more lines: a pixel taller for each pixel narrower, up to MAX_EXTRA_HEIGHT.
WIDTH = 480
HEIGHTS = {"booklet": 360, "section": 380, "glossary": 340}
MAX_EXTRA_HEIGHT = 280


class BadAddress(ValueError):
    """The url parameter is missing or is not an absolute web address: a 400."""


@dataclass(frozen=True)
class Embeddable:
    kind: str  # one of KINDS
    key: str  # a page's id, or a term's slug
    title: str
    summary: str
    url: str  # the page on our site
    reviewed: datetime.date | None
    reviewed_label: str
    context: str  # what it is part of ("From the booklet ..."), or how to say a term
    licence_name: str
    licence_url: str
    attribution: str

    @property
    def card_path(self) -> str:
        return f"/embed/{self.kind}/{self.key}/"


# --- What may be embedded ------------------------------------------------------------------------------------------


def _shorten(text: str) -> str:
    return Truncator(" ".join((text or "").split())).chars(SUMMARY_CHARACTERS)


def _first_paragraph(stream) -> str:
    """The text of the first paragraph block's first paragraph: a summary without rendering the page."""
    for child in stream or []:
        if child.block_type == "paragraph":
            soup = BeautifulSoup(str(getattr(child.value, "source", child.value)), "html.parser")
            for paragraph in [*soup.find_all("p"), soup]:
                text = " ".join(paragraph.get_text().split())  # inline tags add no space: "<b>cells</b>."
                if text:
                    return text
    return ""


def _page_url(page, request) -> str:
    return page.get_full_url(request=request) or ""


def booklet(pk: int, request) -> Embeddable:
    found = resources.live_booklets().filter(pk=pk).first()
    if found is None:
        raise Http404("Not an embeddable booklet")
    return _booklet_item(found, request)


def _booklet_item(page, request) -> Embeddable:
    summary = page.summary or page.search_description or _first_paragraph(page.introduction)
    return Embeddable(
        kind="booklet", key=str(page.pk), title=page.title, summary=_shorten(summary), url=_page_url(page, request),
        reviewed=page.last_reviewed, reviewed_label="Last reviewed", context=page.series_line if page.series else "",
        licence_name=settings.API_LICENCE_NAME, licence_url=settings.API_LICENCE_URL,
        attribution=settings.API_ATTRIBUTION,
    )  # fmt: skip


def section(pk: int, request) -> Embeddable:
    found = resources.live_sections().filter(pk=pk).first()
    if found is None:
        raise Http404("Not an embeddable section")
    return _section_item(found, request)


def _section_item(page, request) -> Embeddable:
    from cancerinfo.booklets.interface import BookletPage

    parent = BookletPage.objects.defer_streamfields().get(path=page.booklet_path)
    summary = page.search_description or _first_paragraph(page.body)
    return Embeddable(
        kind="section", key=str(page.pk), title=page.title, summary=_shorten(summary), url=_page_url(page, request),
        reviewed=parent.last_reviewed, reviewed_label="Last reviewed", context=f"From the booklet “{parent.title}”",
        licence_name=settings.API_LICENCE_NAME, licence_url=settings.API_LICENCE_URL,
        attribution=settings.API_ATTRIBUTION,
    )  # fmt: skip


def _glossary_page():
    from cancerinfo.glossary.interface import GlossaryIndexPage

    return GlossaryIndexPage.objects.live().public().first()


def glossary_term(slug: str, request, glossary=None) -> Embeddable:
    from cancerinfo.glossary.interface import Term

    glossary = glossary or _glossary_page()
    term = Term.objects.filter(slug=slug).first() if glossary is not None else None
    if term is None:
        raise Http404("Not an embeddable glossary term")
    own_source = term.shown_attribution
    return Embeddable(
        kind="glossary", key=term.slug, title=term.term, summary=term.definition,
        url=f"{_page_url(glossary, request)}{term.slug}/", reviewed=term.updated_at.date(),
        reviewed_label="Last updated", context=f"Say it: {term.pronunciation}" if term.pronunciation else "",
        licence_name="The source's terms" if own_source else settings.API_LICENCE_NAME,
        licence_url="" if own_source else settings.API_LICENCE_URL,
        attribution=own_source or settings.API_ATTRIBUTION,
    )  # fmt: skip


CARDS = {"booklet": booklet, "section": section, "glossary": glossary_term}


def card(kind: str, key, request) -> Embeddable:
    """The item behind /embed/<kind>/<key>/, or Http404."""
    if kind not in CARDS or (kind != "glossary" and not 1 <= int(key) <= MAX_PAGE_ID):
        raise Http404("No such card")
    return CARDS[kind](key, request)


# --- From one of our addresses to what it shows --------------------------------------------------------------------


def _site_for(host: str, request):
    """The Wagtail site an address on this host belongs to: a site's own hostname, or the host this request came
    to (served by the default site, as Wagtail's routing does). None for any other host."""
    from wagtail.models import Site

    for site in Site.objects.select_related("root_page"):
        if site.hostname.lower() == host:
            return site
    own_host, _port = split_domain_port(request.get_host())
    if host == own_host.lower():
        return Site.find_for_request(request)
    return None


def check_address(url: str | None) -> str:
    """The url parameter, checked: raises BadAddress with a message for the consumer."""
    if url is None or not url.strip():
        raise BadAddress("Give the address of the page to embed: ?url=https://...")
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise BadAddress(f"The url is too long: at most {MAX_URL_LENGTH} characters.")
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as error:
        raise BadAddress(f"The url is not a valid address ({error}).") from error
    if parts.scheme not in ("http", "https") or not hostname:
        raise BadAddress("The url must be a full web address starting with https:// or http://.")
    return url


def resolve(url: str, request) -> Embeddable:
    """What the page at this address (already checked) shows, if it may be embedded; else Http404."""
    parts = urlsplit(url)
    site = _site_for(parts.hostname.lower(), request)
    if site is None:
        raise Http404("Only this site's pages can be embedded")
    path = unquote(parts.path) or "/"  # Wagtail keeps url_path unquoted (slugs may be Unicode)
    if not path.endswith("/"):
        path += "/"
    url_path = site.root_page.url_path + path.lstrip("/")
    found = resources.live_booklets().filter(url_path=url_path).first()
    if found is not None:
        return _booklet_item(found, request)
    found = resources.live_sections().filter(url_path=url_path).first()
    if found is not None:
        return _section_item(found, request)
    parent, _, slug = path.rstrip("/").rpartition("/")
    if slug:
        glossary = _glossary_page()
        if glossary is not None and glossary.url_path == site.root_page.url_path + parent.lstrip("/") + "/":
            return glossary_term(slug, request, glossary)
    raise Http404("Only published booklets, booklet sections and glossary terms can be embedded")


# --- The oEmbed answer -------------------------------------------------------------------------------------------


def check_size(name: str, value: str | None) -> int | None:
    if value is None or value == "":
        return None
    if not value.isdigit() or not 1 <= int(value) <= MAX_SIZE:
        raise BadAddress(f"{name} must be a whole number of pixels from 1 to {MAX_SIZE}.")
    return int(value)


def size(kind: str, maxwidth: int | None, maxheight: int | None) -> tuple[int, int]:
    """The card's width and height: our preferred size, within the consumer's limits."""
    width = min(WIDTH, maxwidth) if maxwidth else WIDTH
    height = HEIGHTS[kind] + min(WIDTH - width, MAX_EXTRA_HEIGHT)
    return width, min(height, maxheight) if maxheight else height


def iframe(item: Embeddable, base: str, width: int, height: int, site_name: str) -> str:
    """The snippet a consumer pastes. Sandboxed: the card runs no script anyway; its links open in a new tab."""
    return format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy" referrerpolicy="no-referrer" '
        'sandbox="allow-popups allow-popups-to-escape-sandbox" style="border:0;max-width:100%"></iframe>',
        f"{base}{item.card_path}", width, height, f"{item.title} ({site_name})",
    )  # fmt: skip


def oembed(
    item: Embeddable, base: str, maxwidth: int | None, maxheight: int | None, site_name: str, organisation: str
) -> dict:
    """oEmbed 1.0's "rich" answer, with the terms of reuse as extra fields (as Flickr's license and license_url)."""
    width, height = size(item.kind, maxwidth, maxheight)
    return {
        "version": "1.0",
        "type": "rich",
        "title": item.title,
        "html": iframe(item, base, width, height, site_name),
        "width": width,
        "height": height,
        "provider_name": site_name,
        "provider_url": f"{base}/",
        "cache_age": settings.CACHE_SHARED_MAX_AGE,
        "author_name": organisation,
        "author_url": item.url,
        "license": item.licence_name,
        "license_url": item.licence_url,
        "attribution": item.attribution,
        "terms_url": f"{base}{TERMS_PATH}",
        "last_reviewed": item.reviewed.isoformat() if item.reviewed else None,
    }


def discovery_href(page_url: str) -> str:
    """The oEmbed address of one of our pages, for <link rel="alternate" type="application/json+oembed">."""
    parts = urlsplit(page_url)
    return f"{parts.scheme}://{parts.netloc}/api/oembed?{urlencode({'url': page_url, 'format': 'json'})}"
