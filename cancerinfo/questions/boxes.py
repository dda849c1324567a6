"""The "Related questions" box on booklet sections, kept as a fragment until a question or the booklet changes
(delivery/fragments.py)."""

from cancerinfo.delivery.fragments import render_fragment
from cancerinfo.delivery.invalidation import tree_of

from . import services


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
