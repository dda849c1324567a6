"""Public pages: Contact us, Ask a nurse and Write to us. Thin: forms validate, services do the work.

Every response from the forms is Cache-Control: no-store, and what people type is marked sensitive so it never
appears in error reports.
"""

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.debug import sensitive_post_parameters

from cancerinfo.delivery.throttle import ASK_A_NURSE, WRITE_TO_US
from cancerinfo.helpline import interface as helpline

from . import services
from .forms import CONSENT_WORDING_VERSION, AskNurseForm, ContactForm, ask_a_nurse_initial
from .models import contact_views, new_reference

SENSITIVE_FIELDS = ("question", "email", "first_name", "name", "message")
ASK_SESSION_KEY = "enquiries_ask_sent"
CONTACT_SESSION_KEY = "enquiries_contact_sent"


def no_store(response):
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


def _context(request, page, **extra):
    context = page.get_context(request)
    context.update(extra)
    return context


@contact_views.view("contact")
def contact_page(request, page):
    schedule = helpline.get_schedule()
    context = _context(
        request,
        page,
        status=helpline.status_at(schedule=schedule),
        weekly_hours=helpline.weekly_table(schedule),
        closed_days=helpline.upcoming_closed_days(schedule=schedule),
        reply_working_days=settings.ENQUIRY_REPLY_WORKING_DAYS,
    )
    return TemplateResponse(request, "enquiries/contact_page.html", context)


def _inbox_url(enquiry) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("enquiries_admin:detail", args=[enquiry.pk])


def _handle_form(
    request, page, *, form_class, kind, throttle, template, sent_route, session_key, prefix, receive, initial=None
):
    """GET: a fresh form. POST: spam is dropped silently (and not counted against the address: a robot sharing it
    must not block a person); over the limit, a friendly 429 that keeps the text; invalid, the form again with an
    error summary; valid, `receive(cleaned_data)`, counted, and on to the sent page."""
    sent_url = page.url + page.reverse_subpage(sent_route)
    if request.method != "POST":
        form = form_class(initial=initial(request.GET) if initial else None)
        return no_store(TemplateResponse(request, template, _context(request, page, form=form)))
    form = form_class(request.POST)
    reason = form.spam_reason()
    if reason:
        services.log_discarded(kind, reason, request)
        request.session[session_key] = {"reference": new_reference(prefix)}  # the robot learns nothing
        return no_store(redirect(sent_url))
    if throttle.blocked(request):
        context = _context(request, page, form=form, rate_limited=True)
        return no_store(TemplateResponse(request, template, context, status=429))
    stamp_ok = form.stamp_is_valid()
    if not form.is_valid() or not stamp_ok:
        form.refresh_stamp()
        context = _context(request, page, form=form, stamp_expired=form.is_valid() and not stamp_ok)
        return no_store(TemplateResponse(request, template, context))
    record = receive(form.cleaned_data)
    throttle.record(request)
    request.session[session_key] = {"reference": record.reference}
    return no_store(redirect(sent_url))


@contact_views.view("ask_a_nurse")
@sensitive_post_parameters(*SENSITIVE_FIELDS)
def ask_a_nurse(request, page):
    def receive(cleaned_data):
        data = {**cleaned_data, "consent_wording_version": CONSENT_WORDING_VERSION}
        return services.receive_question(data, _inbox_url)

    return _handle_form(
        request,
        page,
        form_class=AskNurseForm,
        kind="ask",
        throttle=ASK_A_NURSE,
        template="enquiries/ask_a_nurse.html",
        sent_route="ask_a_nurse_sent",
        session_key=ASK_SESSION_KEY,
        prefix="AN",
        receive=receive,
        initial=ask_a_nurse_initial,
    )


@contact_views.view("ask_a_nurse_sent")
def ask_a_nurse_sent(request, page):
    sent = request.session.get(ASK_SESSION_KEY)
    if not sent:
        return no_store(redirect(page.ask_a_nurse_url))
    context = _context(request, page, reference=sent["reference"], reply_by=services.reply_by())
    return no_store(TemplateResponse(request, "enquiries/ask_a_nurse_sent.html", context))


@contact_views.view("write_to_us")
@sensitive_post_parameters(*SENSITIVE_FIELDS)
def write_to_us(request, page):
    return _handle_form(
        request,
        page,
        form_class=ContactForm,
        kind="contact",
        throttle=WRITE_TO_US,
        template="enquiries/write_to_us.html",
        sent_route="write_to_us_sent",
        session_key=CONTACT_SESSION_KEY,
        prefix="CM",
        receive=services.receive_contact_message,
    )


@contact_views.view("write_to_us_sent")
def write_to_us_sent(request, page):
    sent = request.session.get(CONTACT_SESSION_KEY)
    if not sent:
        return no_store(redirect(page.write_to_us_url))
    context = _context(request, page, reference=sent["reference"])
    return no_store(TemplateResponse(request, "enquiries/write_to_us_sent.html", context))
