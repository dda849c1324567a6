"""The boxes governance offers to other pages (core/boxes.py): the overdue-review notice, About this information
and What's changed."""

from cancerinfo.core.boxes import Box, register, template_box

BOOKLET, SECTION = "booklets.BookletPage", "booklets.BookletSectionPage"


def register_boxes() -> None:
    from .templatetags import governance_tags as tags

    register(
        Box(
            key="governance.review_notice",
            label="Review notice (when a review is overdue)",
            page_types=(BOOKLET, SECTION),
            render=template_box("governance/review_notice.html", tags.review_notice),
            standard_for=(BOOKLET, SECTION),
            order=50,
        )
    )
    register(
        Box(
            key="governance.about_this_information",
            label="About this information",
            page_types=(BOOKLET, SECTION),
            render=template_box("governance/about_this_information.html", tags.about_this_information),
            # Who reviewed the page: a booklet's landing page went through the review as its sections did.
            standard_for=(BOOKLET, SECTION),
            order=60,
        )
    )
    register(
        Box(
            key="governance.whats_changed",
            label="What's changed",
            page_types=(BOOKLET, SECTION),
            render=template_box(
                "governance/whats_changed.html",
                lambda context, page: tags.whats_changed(context.get("booklet") or page),
            ),
            standard_for=(BOOKLET,),
            order=65,
        )
    )
