"""Template tags for CancerQs: the "Related questions" box on booklet sections, and the page's structured data."""

from django import template
from django.utils.safestring import mark_safe

from cancerinfo.delivery.fragments import render_fragment
from cancerinfo.delivery.invalidation import tree_of

from .. import services

register = template.Library()


@register.simple_tag(takes_context=True)
def related_questions(context, section, limit=services.RELATED_LIMIT):
    """{% related_questions page %}: up to five questions sharing the section's booklet subject and topics. Kept
    as a fragment until content changes (delivery/fragments.py)."""
    booklet = context.get("booklet")
    cancer_types = context.get("cancer_types")

    def box():
        questions = services.related_questions_for_section(
            section, booklet=booklet, cancer_types=cancer_types, limit=limit
        )
        return {"questions": questions, "section": section}

    parts = (section.pk, getattr(booklet, "pk", None), [getattr(c, "pk", c) for c in cancer_types or []], limit)
    return render_fragment(
        context.get("request"),
        "related-questions",
        parts,
        "questions/related_questions.html",
        box,
        depends_on=(services.QUESTIONS_VERSION, tree_of(booklet)),
    )


@register.simple_tag(takes_context=True)
def question_json_ld(context, question):
    """schema.org FAQPage JSON-LD. The answer text comes from the detail as written, before content processors
    (such as glossary linking) add their markup."""
    detail_html = question.detail.render_as_block()
    data = services.question_json_ld(
        question, detail_html, context.get("booklet_links", []), request=context.get("request")
    )
    return mark_safe(  # noqa: S308 - json_ld_script escapes <, > and &
        f'<script type="application/ld+json">{services.json_ld_script(data)}</script>'
    )
