"""Plain functions behind the core pages: what an index page lists, what the home page shows."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from wagtail.models import Page


@dataclass(frozen=True)
class ListedItem:
    title: str
    url: str
    summary: str = ""


def _page_summary(page: Page) -> str:
    return getattr(page, "search_description", "") or getattr(page, "introduction", "") or ""


def links_from_stream(stream, summaries: bool = True) -> list[ListedItem]:
    """Turn a stream of NavigationLinkBlocks into items, skipping pages that are no longer live. Without summaries
    (plain link lists such as the footer's) the pages the stream already read are enough: no further query."""
    if not summaries:
        pages = [block.value.get("page") for block in stream]
        return [
            ListedItem(block.value.get("label") or page.title, page.url + (block.value.get("subpage") or ""), "")
            for block, page in zip(stream, pages, strict=True)
            if page is not None and page.live
        ]
    page_ids = [block.value["page"].pk for block in stream if block.value.get("page")]
    live = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).live().specific(defer=True)}
    items = []
    for block in stream:
        page = block.value.get("page")
        if page is None or page.pk not in live:
            continue
        live_page = live[page.pk]
        items.append(ListedItem(block.value.get("label") or live_page.title, live_page.url, _page_summary(live_page)))
    return items


@dataclass(frozen=True)
class Listing:
    pages: Callable[[], Iterable[Page]]
    depends_on: tuple[str, ...] = ()  # names of the versions it changes with (delivery/versions.py)


# What an index page can list besides its own children, contributed by the app whose pages they are (the booklets
# app registers "every published booklet"), so core needs no feature app.
_listings: dict[str, Listing] = {}


def register_listing(name: str, pages: Callable[[], Iterable[Page]], depends_on: Iterable[str] = ()) -> None:
    _listings[name] = Listing(pages, tuple(depends_on))


def listing_dependencies(name: str) -> tuple[str, ...]:
    listing = _listings.get(name)
    return listing.depends_on if listing else ()


def index_page_items(index_page) -> list[ListedItem]:
    if index_page.listing == index_page.LISTING_CHILDREN:
        pages = index_page.get_children().live().public().specific()
    else:
        listing = _listings.get(index_page.listing)
        pages = listing.pages() if listing else []
    items = [ListedItem(page.title, page.url, _page_summary(page)) for page in pages]
    return items + links_from_stream(index_page.links)


def home_page_sections(home_page) -> list[ListedItem]:
    """The areas under the home page: the summaries come from each area's own type, a query per type. The delivery
    layer keeps the rendered home page until a page is published, unpublished, moved or deleted."""
    return [
        ListedItem(p.title, p.url, _page_summary(p))
        for p in home_page.get_children().live().public().in_menu().specific()
    ]
