"""The boxes CancerQs offers to other pages (core/boxes.py): related questions on a booklet's sections."""

from cancerinfo.core.boxes import Box, register

SECTION = "booklets.BookletSectionPage"


def register_boxes() -> None:
    from .templatetags.question_tags import related_questions

    register(
        Box(
            key="questions.related_questions",
            label="Related questions",
            page_types=(SECTION,),
            render=lambda context, page: related_questions(context, page),
            standard_for=(SECTION,),
            standard_note="questions that share the booklet's cancer types or the section's topics",
            order=10,
        )
    )
