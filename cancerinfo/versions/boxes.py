"""The page part versions offers (core/boxes.py): the "For patients / For health professionals" switch under a
booklet's heading. Its rendering is the switch tag every versioned page uses (templatetags/versions_tags.py)."""

from cancerinfo.core.boxes import TOP, Box, register, template_box

BOOKLET, SECTION = "booklets.BookletPage", "booklets.BookletSectionPage"


def register_boxes() -> None:
    from .templatetags.versions_tags import audience_switch

    register(
        Box(
            key="versions.audience_switch",
            label="For patients / For health professionals switch",
            page_types=(BOOKLET, SECTION),
            render=template_box(
                "versions/audience_switch.html",
                lambda context, page: audience_switch(context, page, context.get("booklet")),
            ),
            standard_for=(BOOKLET, SECTION),
            region=TOP,
        )
    )
