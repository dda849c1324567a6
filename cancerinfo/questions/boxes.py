"""The boxes CancerQs offers to other pages (core/boxes.py): related questions on a booklet's sections, kept as a
fragment until a question or the booklet changes (delivery/fragments.py)."""

from cancerinfo.core.boxes import Box, register
from cancerinfo.delivery.fragments import render_fragment
from cancerinfo.delivery.invalidation import tree_of

from . import services

SECTION = "booklets.BookletSectionPage"


def register_boxes() -> None:
    register(
        Box(
            key="questions.related_questions",
            label="Related questions",
            page_types=(SECTION,),
            render=render_related_questions,
            standard_for=(SECTION,),
            standard_note="questions that share the booklet's cancer types or the section's topics",
            order=10,
        )
    )


def render_related_questions(context, section, limit=services.RELATED_LIMIT) -> str:
    """The box in a template's context: the request, the booklet and its cancer types come from the context (the
    `{% related_questions %}` tag and the box registry both call this)."""
    return related_questions_box(
        context.get("request"), section, context.get("booklet"), context.get("cancer_types"), limit
    )


def related_questions_box(request, section, booklet=None, cancer_types=None, limit=services.RELATED_LIMIT) -> str:
    """Up to `limit` questions sharing the section's booklet subject and topics."""

    def box():
        questions = services.related_questions_for_section(
            section, booklet=booklet, cancer_types=cancer_types, limit=limit
        )
        return {"questions": questions, "section": section}

    parts = (section.pk, getattr(booklet, "pk", None), [getattr(c, "pk", c) for c in cancer_types or []], limit)
    return render_fragment(
        request,
        "related-questions",
        parts,
        "questions/related_questions.html",
        box,
        depends_on=(services.QUESTIONS_VERSION, tree_of(booklet)),
    )
