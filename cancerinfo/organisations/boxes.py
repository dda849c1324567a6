"""The boxes the support directory offers to other pages (core/boxes.py): "Organisations that can help"."""

from django.utils.http import urlencode

from cancerinfo.core.boxes import Box, register, template_box

BOOKLET, SECTION = "booklets.BookletPage", "booklets.BookletSectionPage"


def who_can_help(context, page) -> dict:
    """A link to the support directory, filtered by the booklet's first cancer type."""
    from . import services

    booklet = context.get("booklet") or page
    url = services.directory_url()
    cancer_type = None
    if url and hasattr(booklet, "cancer_types"):
        cancer_type = booklet.cancer_types.order_by("name").first()
    if url and cancer_type is not None:
        url = f"{url}?{urlencode({'cancer_type': cancer_type.slug})}"
    return {"url": url, "cancer_type": cancer_type}


def register_boxes() -> None:
    from . import services

    register(
        Box(
            key="organisations.who_can_help",
            label="Who can help (support organisations)",
            page_types=(BOOKLET, SECTION),
            render=template_box("organisations/who_can_help.html", who_can_help),
            standard_for=(SECTION,),
            standard_when=services.wants_who_can_help_link,
            standard_note=(
                f'on sections named "{services.WHO_CAN_HELP_SLUG}" or tagged "{services.WHO_CAN_HELP_TOPIC}"'
            ),
            order=20,
        )
    )
