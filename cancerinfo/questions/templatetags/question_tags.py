"""Template tags for CancerQs: the "Related questions" box on booklet sections, and the page's structured data."""

from django import template
from django.utils.safestring import mark_safe

from .. import services
from ..boxes import render_related_questions

register = template.Library()


@register.simple_tag(takes_context=True)
def related_questions(context, section, limit=services.RELATED_LIMIT):
    """{% related_questions page %}: up to five questions sharing the section's booklet subject and topics
    (questions/boxes.py)."""
    return render_related_questions(context, section, limit)


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
