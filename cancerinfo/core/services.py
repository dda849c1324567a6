"""Plain functions behind the core pages: what an index page lists, what the home page shows."""

from dataclasses import dataclass

from wagtail.models import Page


@dataclass(frozen=True)
class ListedItem:
    title: str
    url: str
    summary: str = ""


def _page_summary(page: Page) -> str:
    return getattr(page, "search_description", "") or getattr(page, "introduction", "") or ""


def links_from_stream(stream) -> list[ListedItem]:
    """Turn a stream of NavigationLinkBlocks into items, skipping pages that are no longer live."""
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


def index_page_items(index_page) -> list[ListedItem]:
    from cancerinfo.booklets.models import BookletPage

    if index_page.listing == index_page.LISTING_CHILDREN:
        pages = index_page.get_children().live().public().specific()
    else:
        pages = BookletPage.objects.live().public().order_by("title")
        if index_page.listing == index_page.LISTING_PROFESSIONAL:
            pages = pages.filter(audience=BookletPage.AUDIENCE_PROFESSIONALS)
    items = [ListedItem(page.title, page.url, _page_summary(page)) for page in pages]
    return items + links_from_stream(index_page.links)


def home_page_sections(home_page) -> list[ListedItem]:
    """The areas under the home page. Kept per process until a page is published, unpublished, moved or deleted:
    the summaries come from each area's own type, a query per type."""
    from . import versions

    def build():
        return [
            ListedItem(p.title, p.url, _page_summary(p))
            for p in home_page.get_children().live().public().in_menu().specific()
        ]

    return versions.table(f"home-sections:{home_page.pk}", [versions.PAGES], build)
