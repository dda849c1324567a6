"""The page parts prescriptions offers (core/boxes.py): the "For patients / For health professionals" switch under
a booklet's heading. Its rendering stays in templatetags/prescriptions_tags.py."""

from cancerinfo.core.boxes import TOP, Box, register, template_box

BOOKLET, SECTION = "booklets.BookletPage", "booklets.BookletSectionPage"


def register_boxes() -> None:
    from .templatetags.prescriptions_tags import audience_switch

    register(
        Box(
            key="prescriptions.audience_switch",
            label="For patients / For health professionals switch",
            page_types=(BOOKLET, SECTION),
            render=template_box(
                "includes/audience_switch.html",
                lambda context, page: audience_switch(context, page, context.get("booklet")),
            ),
            standard_for=(BOOKLET, SECTION),
            region=TOP,
        )
    )
