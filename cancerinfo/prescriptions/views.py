"""The information prescription builder (state kept in the session until "Create") and the short-link pages."""

import base64
import hashlib
import io
import json
from functools import partial
from urllib.parse import urlencode

from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cancerinfo.core.outputs import service_identity
from cancerinfo.core.text import clean_query
from cancerinfo.delivery.throttle import PRESCRIPTION, PROFESSIONAL_SIGN_IN

from . import drafts, professionals, services
from .models import CODE_ALPHABET, CODE_LENGTH, NOTE_MAX_LENGTH, Prescription, normalise_code


def builder(request, area_page):
    professional = professionals.professional_for(request.user)
    if request.method == "POST":
        outcome = drafts.submit(request.session, request.POST, professional, partial(PRESCRIPTION.attempt, request))
        if outcome.created:
            return HttpResponseRedirect(f"{area_page.url}prescription/created/")
        if not outcome.errors:
            query = clean_query(request.POST.get("q", ""), services.QUERY_MAX_LENGTH)
            adding = request.POST.get("action", "") == "add"
            suffix = f"?{urlencode({'q': query})}" if adding and query else ""
            return HttpResponseRedirect(f"{area_page.url}prescription/{suffix}#chosen")
    else:
        outcome = drafts.Outcome(note=drafts.load(request.session, professional).note)
    query = clean_query(request.GET.get("q", ""), services.QUERY_MAX_LENGTH)
    chosen, groups = drafts.choices(query, drafts.load(request.session, professional))
    context = area_page.get_context(request)
    context.update(
        query=query,
        groups=groups,
        any_results=any(items for _, items in groups),
        chosen=chosen,
        note=outcome.note,
        note_max=NOTE_MAX_LENGTH,
        errors=outcome.errors,
        max_items=services.MAX_ITEMS,
        professional=professional,
        sign_in_url=f"{area_page.url}sign-in/",
    )
    status = 400 if outcome.errors else 200
    return render(request, "prescriptions/builder.html", context, status=status)


def _domains_text() -> str:
    domains = professionals.allowed_domains()
    return " or ".join(", ".join(domains).rsplit(", ", 1)) if domains else ""


@require_http_methods(["GET", "POST"])
def sign_in(request, area_page):
    """Ask for a name, job title and work e-mail; send a sign-in link to that address."""
    errors, values = [], {"name": "", "job_title": "", "email": ""}
    if request.method == "POST":
        values = {key: " ".join(request.POST.get(key, "").split())[:254] for key in values}
        if not values["name"] or len(values["name"]) > 100:
            errors.append(("id_name", "Enter your name as your patients know it, up to 100 characters."))
        if not values["job_title"] or len(values["job_title"]) > 100:
            errors.append(("id_job_title", "Enter your job title, up to 100 characters, like Breast care nurse."))
        try:
            validate_email(values["email"])
        except ValidationError:
            errors.append(("id_email", "Enter your work e-mail address, like name@nhs.net."))
        else:
            if not professionals.domain_allowed(values["email"]):
                errors.append(("id_email", f"Use your work e-mail address on {_domains_text()}."))
        if not errors and not PROFESSIONAL_SIGN_IN.attempt(request):
            errors.append(("id_email", "We have sent several sign-in links from here. Please try again later."))
        if not errors:
            confirm = f"{area_page.url}sign-in/confirm/"
            professionals.send_sign_in_link(
                values["email"],
                values["name"],
                values["job_title"],
                lambda token: request.build_absolute_uri(f"{confirm}?{urlencode({'token': token})}"),
            )
            context = area_page.get_context(request)
            context.update(email=values["email"])
            return _private(render(request, "prescriptions/sign_in_sent.html", context))
    context = area_page.get_context(request)
    context.update(errors=errors, values=values, domains=_domains_text())
    return _private(render(request, "prescriptions/sign_in.html", context, status=400 if errors else 200))


@require_http_methods(["GET", "POST"])
def sign_in_confirm(request, area_page):
    """The link from the e-mail. GET only shows a button: mail scanners that follow links sign nobody in."""
    token = request.POST.get("token") or request.GET.get("token") or ""
    data = professionals.read_link_token(token)
    context = area_page.get_context(request)
    if data is None:
        context.update(sign_in_url=f"{area_page.url}sign-in/")
        return _private(render(request, "prescriptions/sign_in_expired.html", context, status=400))
    if request.method == "POST":
        professionals.sign_in(request, data)
        return HttpResponseRedirect(f"{area_page.url}prescription/")
    context.update(token=token, name=data["n"])
    return _private(render(request, "prescriptions/sign_in_confirm.html", context))


@require_http_methods(["POST"])
def sign_out(request, area_page):
    logout(request)
    return HttpResponseRedirect(f"{area_page.url}prescription/")


def created(request, area_page):
    just_created = drafts.take_created(request.session)
    if just_created is None:
        return HttpResponseRedirect(f"{area_page.url}prescription/")
    prescription, revoke_token = just_created
    if prescription is None:
        raise Http404
    context = area_page.get_context(request)
    context.update(
        prescription=prescription,
        short_url=request.build_absolute_uri(prescription.get_absolute_url()),
        revoke_url=request.build_absolute_uri(f"{prescription.get_absolute_url()}revoke/{revoke_token}/"),
    )
    return _private(render(request, "prescriptions/created.html", context))


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    return response


def _lookup(code: str) -> Prescription:
    code = normalise_code(code)
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        raise Http404("No such prescription")
    try:
        return Prescription.objects.get(code=code)
    except Prescription.DoesNotExist:
        raise Http404("No such prescription") from None


def _unavailable(request, prescription):
    reason = "revoked" if prescription.revoked_at else "expired"
    return _private(render(request, "prescriptions/unavailable.html", {"reason": reason}, status=410))


@require_http_methods(["GET", "HEAD"])
def prescription_page(request, code):
    try:
        prescription = _lookup(code)
    except Http404:
        return _private(render(request, "prescriptions/unavailable.html", {"reason": "unknown"}, status=404))
    if not prescription.is_available:
        return _unavailable(request, prescription)
    items = services.resolve(prescription.items)
    context = {
        "prescription": prescription,
        "items": [(item, _absolute(request, item.path)) for item in items],
        "short_url": request.build_absolute_uri(prescription.get_absolute_url()),
    }
    return _private(render(request, "prescriptions/prescription.html", context))


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if path.startswith("/") else path


def qr_png_data_uri(url: str) -> str:
    """The short link as a QR code: one pixel per module and a 4-module quiet zone, as a PNG data URI."""
    import qrcode

    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=4)
    qr.add_data(url)
    qr.make(fit=True)
    image = qr.make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def stored_pdf(request, prescription: Prescription) -> bytes:
    """The prescription's PDF, made once and kept in media storage; made again only when what it shows changed
    (a linked page renamed or gone, another host name). Revoked and expired ones are never served: the app, not
    the web server, hands the file out."""
    from django.core.files.base import ContentFile
    from django.template.loader import render_to_string

    from cancerinfo.publications.interface import html_to_pdf

    short_url = request.build_absolute_uri(prescription.get_absolute_url())
    items = [(item, _absolute(request, item.path)) for item in services.resolve(prescription.items)]
    identity = service_identity(request=request)
    shown = [short_url, prescription.expires_at.isoformat()] + [
        [item.kind, item.title, item.description, url] for item, url in items
    ]
    # What the foot of the page says (core/outputs.py): a new helpline number or charity number makes it again.
    shown += [
        [
            identity.service_name,
            identity.helpline_number,
            identity.helpline_hours,
            identity.text_relay_number,
            identity.charity_name,
            identity.charity_registration,
            str(getattr(identity.logo, "pk", "")),
        ]
    ]
    key = hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()
    if prescription.pdf and prescription.pdf_key == key:
        try:
            with prescription.pdf.open("rb") as stored:
                return stored.read()
        except OSError:
            pass  # the file went missing: make it again
    html = render_to_string(
        "prescriptions/prescription_pdf.html",
        {
            "prescription": prescription,
            "items": items,
            "short_url": short_url,
            "qr": qr_png_data_uri(short_url),
            "identity": identity,
        },
    )
    content = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    old_name = prescription.pdf.name if prescription.pdf else ""
    prescription.pdf.save(f"{prescription.code}.pdf", ContentFile(content), save=False)
    prescription.pdf_key = key
    prescription.save(update_fields=["pdf", "pdf_key"])
    if old_name and old_name != prescription.pdf.name:
        prescription.pdf.storage.delete(old_name)
    return content


@require_http_methods(["GET", "HEAD"])
def prescription_pdf(request, code):
    prescription = _lookup(code)
    if not prescription.is_available:
        return _unavailable(request, prescription)
    response = HttpResponse(stored_pdf(request, prescription), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="information-prescription-{prescription.display_code}.pdf"'
    return _private(response)


@require_http_methods(["GET", "POST"])
def revoke(request, code, token):
    prescription = _lookup(code)
    if not prescription.check_revoke_token(token):
        raise Http404("No such prescription")
    if request.method == "POST":
        if prescription.revoked_at is None:
            prescription.revoked_at = timezone.now()
            if prescription.pdf:
                prescription.pdf.delete(save=False)
            prescription.pdf_key = ""
            prescription.save(update_fields=["revoked_at", "pdf", "pdf_key"])
    return _private(render(request, "prescriptions/revoke.html", {"prescription": prescription}))
