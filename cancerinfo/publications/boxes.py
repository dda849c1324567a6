"""The boxes publications offer to other pages (core/boxes.py): "Order or download this booklet"."""

from cancerinfo.core.boxes import Box, register, template_box

BOOKLET, SECTION = "booklets.BookletPage", "booklets.BookletSectionPage"


def register_boxes() -> None:
    from .templatetags.publication_tags import order_or_download_link

    register(
        Box(
            key="publications.order_or_download",
            label="Order or download this booklet",
            page_types=(BOOKLET, SECTION),
            render=template_box(
                "publications/tags/order_link.html",
                lambda context, page: order_or_download_link(context.get("booklet") or page),
            ),
            standard_for=(BOOKLET, SECTION),
            order=30,
        )
    )
