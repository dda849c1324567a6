"""The boxes site search offers to other pages (core/boxes.py): "Search this booklet"."""

from cancerinfo.core.boxes import Box, register, template_box

BOOKLET, SECTION = "booklets.BookletPage", "booklets.BookletSectionPage"


def register_boxes() -> None:
    register(
        Box(
            key="search.booklet_search",
            label="Search this booklet",
            page_types=(BOOKLET, SECTION),
            # The site search, limited to the booklet's pages.
            render=template_box(
                "search/booklet_search_box.html", lambda context, page: {"booklet": context.get("booklet") or page}
            ),
            standard_for=(BOOKLET, SECTION),
            order=90,
        )
    )
