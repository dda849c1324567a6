"""The information prescription builder (state kept in the session until "Create") and the short-link pages."""

import base64
import io
from urllib.parse import urlencode

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cancerinfo.core.throttle import PRESCRIPTION

from . import services
from .models import CODE_ALPHABET, CODE_LENGTH, NOTE_MAX_LENGTH, Prescription, normalise_code

SESSION_KEY = "prescription_builder"
CREATED_KEY = "prescription_created"


def _state(request) -> dict:
    state = request.session.get(SESSION_KEY) or {}
    items = [
        list(pair)
        for pair in state.get("items", [])
        if isinstance(pair, list) and len(pair) == 2 and pair[0] in services.KINDS
    ]
    return {"items": items[: services.MAX_ITEMS], "note": str(state.get("note", ""))[:NOTE_MAX_LENGTH]}


def _save(request, state) -> None:
    request.session[SESSION_KEY] = state


def builder(request, area_page):
    state = _state(request)
    errors = []  # (field id, message)
    note_value = state["note"]
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "add":
            keys = request.POST.getlist("add")
            parsed = [services.parse_key(key) for key in keys]
            if not keys:
                errors.append(("search-q", "Tick at least one item to add it to the prescription."))
            elif any(p is None for p in parsed):
                errors.append(("search-q", "Some of the items could not be added. Search again and tick them."))
            else:
                for kind, pk in parsed:
                    if [kind, pk] not in state["items"]:
                        state["items"].append([kind, pk])
                if len(state["items"]) > services.MAX_ITEMS:
                    state["items"] = state["items"][: services.MAX_ITEMS]
                    errors.append(("search-q", f"A prescription can hold up to {services.MAX_ITEMS} items."))
        else:
            note_value = request.POST.get("note", "")
            if "note" in request.POST:
                if len(note_value) > NOTE_MAX_LENGTH:
                    errors.append(
                        (
                            "id_note",
                            f"The note must be {NOTE_MAX_LENGTH} characters or fewer. It has {len(note_value)}.",
                        )
                    )
                else:
                    state["note"] = note_value
            verb, _, index = action.partition(":")
            if verb in {"up", "down", "remove"}:
                if not index.isdigit() or int(index) >= len(state["items"]):
                    errors.append(("chosen", "That item is no longer on the list."))
                else:
                    i = int(index)
                    items = state["items"]
                    if verb == "remove":
                        items.pop(i)
                    elif verb == "up" and i > 0:
                        items[i - 1], items[i] = items[i], items[i - 1]
                    elif verb == "down" and i < len(items) - 1:
                        items[i + 1], items[i] = items[i], items[i + 1]
            elif verb == "create" and not errors:
                chosen = services.resolve(state["items"])
                if not chosen:
                    errors.append(("search-q", "Add at least one item before you create the prescription."))
                elif not PRESCRIPTION.attempt(request):
                    errors.append(
                        ("search-q", "You have made many prescriptions in the last hour. Please try again later.")
                    )
                else:
                    prescription, token = Prescription.create([[i.kind, i.pk] for i in chosen], state["note"].strip())
                    request.session.pop(SESSION_KEY, None)
                    request.session[CREATED_KEY] = {"code": prescription.code, "token": token}
                    return HttpResponseRedirect(f"{area_page.url}prescription/created/")
            elif verb not in {"save", "up", "down", "remove", "create"}:
                errors.append(("search-q", "Something went wrong. Please try again."))
        _save(request, state)
        if not errors:
            query = " ".join(request.POST.get("q", "").split())[: services.QUERY_MAX_LENGTH]
            suffix = f"?{urlencode({'q': query})}" if action == "add" and query else ""
            return HttpResponseRedirect(f"{area_page.url}prescription/{suffix}#chosen")
    query = " ".join(request.GET.get("q", "").split())[: services.QUERY_MAX_LENGTH]
    results = services.search(query) if query else {}
    chosen = services.resolve(state["items"])
    chosen_keys = {item.key for item in chosen}
    groups = [
        (services.KINDS[kind], [item for item in items if item.key not in chosen_keys])
        for kind, items in results.items()
    ]
    context = area_page.get_context(request)
    context.update(
        query=query,
        groups=groups,
        any_results=any(items for _, items in groups),
        chosen=chosen,
        note=note_value,
        note_max=NOTE_MAX_LENGTH,
        errors=errors,
        max_items=services.MAX_ITEMS,
    )
    status = 400 if errors else 200
    return render(request, "prescriptions/builder.html", context, status=status)


def created(request, area_page):
    info = request.session.pop(CREATED_KEY, None)
    if not info:
        return HttpResponseRedirect(f"{area_page.url}prescription/")
    prescription = Prescription.objects.filter(code=info["code"]).first()
    if prescription is None:
        raise Http404
    context = area_page.get_context(request)
    context.update(
        prescription=prescription,
        short_url=request.build_absolute_uri(prescription.get_absolute_url()),
        revoke_url=request.build_absolute_uri(f"{prescription.get_absolute_url()}revoke/{info['token']}/"),
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


@require_http_methods(["GET", "HEAD"])
def prescription_pdf(request, code):
    from django.template.loader import render_to_string

    from cancerinfo.publications.pdf import html_to_pdf

    prescription = _lookup(code)
    if not prescription.is_available:
        return _unavailable(request, prescription)
    short_url = request.build_absolute_uri(prescription.get_absolute_url())
    items = services.resolve(prescription.items)
    html = render_to_string(
        "prescriptions/prescription_pdf.html",
        {
            "prescription": prescription,
            "items": [(item, _absolute(request, item.path)) for item in items],
            "short_url": short_url,
            "qr": qr_png_data_uri(short_url),
            "today": timezone.localdate(),
        },
    )
    pdf = html_to_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
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
            prescription.save(update_fields=["revoked_at"])
    return _private(render(request, "prescriptions/revoke.html", {"prescription": prescription}))
