"""Tags readers see: About this information, the overdue-review notice, references, feedback and What's changed."""

from django import template
from wagtail.models import Page

from .. import services
from ..models import FEEDBACK_COMMENT_MAX, ChangeLogEntry

register = template.Library()


def _as_page(page):
    return page if isinstance(page, Page) and page.pk else None


def _reviewed(context, page):
    """The page whose review dates and references apply; a section's booklet is in its context already."""
    booklet = context.get("booklet")
    if page is not None and not hasattr(page, "next_review_due") and _as_page(booklet):
        return booklet
    return services.reviewed_object(page) if page else None


@register.inclusion_tag("governance/about_this_information.html", takes_context=True)
def about_this_information(context, page):
    page = _as_page(page)
    reviewed = _reviewed(context, page)
    own_references = page is not None and reviewed is not None and reviewed.pk == page.pk
    return {
        "page": page,
        "approvals": services.approvals(page) if page else [],
        "reviewed": reviewed,
        # A section shows its booklet's references here; a booklet or answer shows its own further down the page.
        "references": getattr(reviewed, "references", None) if reviewed is not None and not own_references else None,
    }


@register.inclusion_tag("governance/review_notice.html", takes_context=True)
def review_notice(context, page):
    page = _as_page(page)
    reviewed = _reviewed(context, page)
    return {
        "reviewed": reviewed,
        "overdue": bool(reviewed is not None and getattr(reviewed, "review_overdue", False)),
        "site_settings": context.get("site_settings"),
    }


@register.inclusion_tag("governance/booklet_references.html", takes_context=True)
def booklet_references(context, page):
    page = _as_page(page)
    reviewed = _reviewed(context, page)
    return {"references": getattr(reviewed, "references", None)}


@register.inclusion_tag("governance/feedback_form.html", takes_context=True)
def feedback_form(context):
    page = _as_page(context.get("page"))
    return {"page": page, "comment_max": FEEDBACK_COMMENT_MAX}


@register.inclusion_tag("governance/whats_changed.html")
def whats_changed(booklet):
    booklet = _as_page(booklet)
    entries = list(ChangeLogEntry.objects.filter(booklet_id=booklet.pk)) if booklet else []
    return {"entries": entries}
