"""The nurse inbox in the Wagtail admin. Only members of the Nurses group get in; everyone else gets 403.

These views are mounted at /admin/enquiries/ ahead of Wagtail's own admin URLs, so the role check is ours alone:
a signed-in user who is not a nurse (an editor, fulfilment staff, even a superuser outside the group) gets a plain
403, never a redirect. Every response is Cache-Control: no-store. Opening an enquiry, replying, exporting and
deleting are written to the audit log.
"""

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from wagtail.models import Page

from . import drafts, services
from .forms import ExportEraseForm, ReplyForm
from .models import AuditEntry, Enquiry
from .views import no_store

PER_PAGE = 50


def nurse_only(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        if not services.is_nurse(request.user):
            response = TemplateResponse(request, "enquiries/admin/forbidden.html", status=403)
            return no_store(response)
        return no_store(view(request, *args, **kwargs))

    return wrapped


@nurse_only
def inbox(request):
    status = request.GET.get("status", "open")
    enquiries = Enquiry.objects.select_related("cancer_type", "assigned_to").defer(
        "question", "first_name", "email", "closing_note"
    )
    if status == "mine":
        enquiries = enquiries.filter(assigned_to=request.user).exclude(status=Enquiry.Status.CLOSED)
    elif status in Enquiry.Status.values:
        enquiries = enquiries.filter(status=status)
    else:
        status = "open"
        enquiries = enquiries.filter(status__in=[Enquiry.Status.NEW, Enquiry.Status.IN_PROGRESS])
    enquiries = enquiries.order_by("created_at") if status in ("open", "new", "mine") else enquiries
    page = Paginator(enquiries, PER_PAGE).get_page(request.GET.get("p"))
    tabs = [("open", "Open"), ("mine", "Assigned to me")] + list(Enquiry.Status.choices)
    return TemplateResponse(request, "enquiries/admin/inbox.html", {"page_obj": page, "status": status, "tabs": tabs})


@nurse_only
@sensitive_post_parameters("body")
def detail(request, pk):
    enquiry = get_object_or_404(Enquiry.objects.select_related("cancer_type", "assigned_to"), pk=pk)
    reply_form = ReplyForm(request.POST or None)
    if request.method == "POST" and enquiry.anonymised_at is None:
        if reply_form.is_valid():
            page_id = reply_form.cleaned_data.get("linked_page")
            linked = Page.objects.live().filter(pk=page_id).first() if page_id else None
            services.send_reply(
                enquiry, request.user, reply_form.cleaned_data["body"], linked, reply_form.cleaned_data["mark_answered"]
            )
            messages.success(request, f"Your reply to {enquiry.reference} has been sent.")
            return redirect("enquiries_admin:detail", pk=enquiry.pk)
    else:
        services.record_view(enquiry, request.user)
    link_query = request.GET.get("link_q", "")
    context = {
        "enquiry": enquiry,
        "replies": list(enquiry.replies.select_related("author", "linked_page")),
        "reply_form": reply_form,
        "link_query": link_query[:100],
        "link_suggestions": services.suggest_pages(link_query),
        "statuses": Enquiry.Status.choices,
        "audit": AuditEntry.objects.filter(reference=enquiry.reference).select_related("actor")[:50],
        "can_draft": enquiry.status in (Enquiry.Status.ANSWERED, Enquiry.Status.CLOSED)
        and enquiry.anonymised_at is None,
        "questions_app": services.questions_app_available(),
    }
    return TemplateResponse(request, "enquiries/admin/detail.html", context)


@nurse_only
@require_POST
def assign(request, pk):
    enquiry = get_object_or_404(Enquiry, pk=pk)
    services.assign_to(enquiry, request.user)
    messages.success(request, f"{enquiry.reference} is assigned to you.")
    return redirect("enquiries_admin:detail", pk=pk)


@nurse_only
@require_POST
def set_status(request, pk):
    enquiry = get_object_or_404(Enquiry, pk=pk)
    status = request.POST.get("status", "")
    if status not in Enquiry.Status.values:
        messages.error(request, "Choose a status from the list.")
    else:
        services.change_status(enquiry, status, request.user)
        messages.success(request, f"{enquiry.reference} is now {enquiry.get_status_display().lower()}.")
    return redirect("enquiries_admin:detail", pk=pk)


@nurse_only
@require_POST
def make_draft(request, pk):
    enquiry = get_object_or_404(Enquiry, pk=pk)
    result = drafts.draft_question_from(enquiry, request.user)
    if result.page is not None:
        messages.success(
            request, f"A draft question page was made from {enquiry.reference}. Check it before publishing."
        )
        return redirect("wagtailadmin_pages:edit", result.page.pk)
    messages.warning(request, result.message)
    return redirect("enquiries_admin:detail", pk=pk)


@nurse_only
def audit_log(request):
    entries = AuditEntry.objects.select_related("actor")
    reference = request.GET.get("reference", "").strip()[:20]
    if reference:
        entries = entries.filter(reference=reference)
    page = Paginator(entries, 100).get_page(request.GET.get("p"))
    return TemplateResponse(request, "enquiries/admin/audit.html", {"page_obj": page, "reference": reference})


@nurse_only
@sensitive_post_parameters("email")
def person(request):
    """Subject access export and erasure, by e-mail address."""
    form = ExportEraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if "export" in request.POST:
            data = services.export_person(email, request.user)
            response = HttpResponse(services.export_json(data), content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="subject-access-export.json"'
            return response
        if "erase" in request.POST:
            if not form.cleaned_data["confirm"]:
                form.add_error("confirm", "Tick the box to confirm you have checked who is asking")
            else:
                count = services.erase_person(email, request.user)
                messages.success(request, f"Erased {count} record{'s' if count != 1 else ''} for that address.")
                return redirect("enquiries_admin:person")
    return TemplateResponse(request, "enquiries/admin/person.html", {"form": form})
