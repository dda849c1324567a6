"""Editorial reports in the Wagtail admin: reviews due, hardest pages to read, readers' feedback, broken links."""

import functools

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.models import Page

from . import readability, services
from .models import Feedback, LinkCheck, ReadabilityException, ReadabilityScore


def require(permission: str | None = None):
    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if permission and not request.user.has_perm(permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def review_report(request):
    items = services.review_due()
    return TemplateResponse(
        request,
        "governance/admin/review_report.html",
        {
            "page_title": "Reviews due",
            "header_icon": "date",
            "owners": services.by_owner(items),
            "count": len(items),
            "overdue_count": sum(1 for item in items if item.overdue),
            "days": services.REVIEW_WARNING_DAYS,
        },
    )


def readability_report(request):
    scores = list(ReadabilityScore.objects.select_related("page").order_by("-reading_age")[:100])
    reasons = {r.page_id: r for r in ReadabilityException.objects.filter(page_id__in=[s.page_id for s in scores])}
    pages = [score.page for score in scores]
    parents, notes = services.parents(pages), services.audience_notes(pages)
    rows = [
        (score, parents.get(score.page_id), notes.get(score.page_id), reasons.get(score.page_id)) for score in scores
    ]
    return TemplateResponse(
        request,
        "governance/admin/readability_report.html",
        {
            "page_title": "Hardest pages to read",
            "header_icon": "glasses",
            "rows": rows,
            "target": readability.TARGET_READING_AGE,
        },
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why can this page be published above the target reading age?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="For example: the medical names of the treatments are needed and are explained in the text.",
        error_messages={"required": "Enter the reason"},
    )


def readability_reason(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    permissions = page.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    existing = ReadabilityException.objects.filter(page=page).first()
    result = readability.analyse_page(page.get_latest_revision_as_object() if page.latest_revision_id else page)
    form = ReasonForm(request.POST or None, initial={"reason": existing.reason if existing else ""})
    if request.method == "POST" and form.is_valid():
        ReadabilityException.objects.update_or_create(
            page=page,
            defaults={
                "reason": form.cleaned_data["reason"],
                "reading_age": result.reading_age,
                "user": request.user,
                "created": timezone.now(),
            },
        )
        messages.success(request, f"Reason recorded for “{page.title}”.")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "governance/admin/readability_reason.html",
        {
            "page_title": f"Reading age reason: {page.title}",
            "header_icon": "glasses",
            "page": page,
            "result": result,
            "form": form,
            "existing": existing,
        },
    )


@require("governance.view_feedback")
def feedback_report(request):
    page_id = request.GET.get("page")
    comments = None
    chosen = None
    if page_id and page_id.isdigit():
        chosen = Page.objects.filter(pk=int(page_id)).first()
        if chosen is not None:
            comments = Feedback.objects.filter(page=chosen)[:200]
    return TemplateResponse(
        request,
        "governance/admin/feedback_report.html",
        {
            "page_title": "Page feedback",
            "header_icon": "comment",
            "summary": services.feedback_summary()[:200],
            "chosen": chosen,
            "comments": comments,
        },
    )


@require("governance.view_linkcheck")
def link_report(request):
    checks = LinkCheck.objects.select_related("page").order_by("ok", "url")
    return TemplateResponse(
        request,
        "governance/admin/link_report.html",
        {
            "page_title": "Broken links",
            "header_icon": "link",
            "broken": [c for c in checks if not c.ok],
            "working_count": sum(1 for c in checks if c.ok),
            "last_checked": max((c.checked_at for c in checks), default=None),
        },
    )
