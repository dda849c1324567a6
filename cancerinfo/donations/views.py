"""Thin views: the donate form, thank-you and cancelled pages, the webhook door and the sandbox's hosted page."""

import logging
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .amounts import format_pounds, gift_aid_value, maximum_amount, minimum_amount
from .forms import OTHER, DonationForm
from .models import MONTHLY, ONE_OFF, Donation, donation_views
from .providers import ProviderError, get_provider
from .services import (
    GIFT_AID_TAXPAYER_STATEMENT,
    GIFT_AID_WORDING_VERSION,
    abandon_checkout,
    charity_name,
    create_pending_donation,
    gift_aid_wording,
    handle_webhook,
    receipt_context,
    register_start_attempt,
    start_checkout,
)

logger = logging.getLogger(__name__)
MAX_WEBHOOK_BYTES = 256 * 1024


def _see_other(url: str) -> HttpResponseRedirect:
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _shown_amount(form: DonationForm, suggestions) -> Decimal:
    """The amount the Gift Aid sentence talks about: what the donor chose, else the first suggestion."""
    if form.amount_value is not None:
        return form.amount_value
    if form.is_bound:
        choice = form.data.get("amount")
        if choice and choice != OTHER:
            try:
                value = Decimal(choice)
                if minimum_amount() <= value <= maximum_amount():
                    return value
            except (InvalidOperation, ValueError):
                pass
    return suggestions[0].amount if suggestions else Decimal("10")


@donation_views.view("donate")
def donate(request, page):
    source = request.POST if request.method == "POST" else request.GET
    frequency = source.get("frequency")
    if frequency not in (ONE_OFF, MONTHLY):
        frequency = ONE_OFF
    suggestions = page.suggestions(frequency)
    status = 200
    if request.method == "POST":
        form = DonationForm(request.POST, suggestions=suggestions)
        if form.is_spam:
            form.is_valid()
            form.add_error(None, "We could not accept this form. Please call us if you need help giving.")
            status = 400
        elif form.is_valid():
            if not register_start_attempt(request):
                return render(request, "donations/rate_limited.html", {"page": page}, status=429)
            provider = get_provider()
            donation = create_pending_donation(form.details(), provider.name)
            base = page.get_url(request)
            ref = str(donation.reference)
            try:
                url = start_checkout(
                    donation,
                    provider,
                    success_url=request.build_absolute_uri(base + page.reverse_subpage("thank_you", args=[ref])),
                    cancel_url=request.build_absolute_uri(base + page.reverse_subpage("cancelled", args=[ref])),
                )
            except ProviderError:
                form.add_error(
                    None,
                    "We could not reach our payment provider, so nothing has been taken from your account. "
                    "Please try again in a few minutes.",
                )
                status = 503
            else:
                return _see_other(url)
        else:
            status = 400
    else:
        form = DonationForm(
            initial={"frequency": frequency, "gift_aid_wording_version": GIFT_AID_WORDING_VERSION},
            suggestions=suggestions,
        )
    shown = _shown_amount(form, suggestions)
    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "errors": form.error_list() if form.is_bound else [],
            "frequency": frequency,
            "monthly": frequency == MONTHLY,
            "suggestions": [(s, form["amount"][i]) for i, s in enumerate(suggestions)],
            "other_choice": form["amount"][len(suggestions)],
            "shown_amount": format_pounds(shown),
            "shown_gift_aid_value": format_pounds(gift_aid_value(shown)),
            "gift_aid_sentence": gift_aid_wording(None, frequency, request=request).split(". ")[0],
            "taxpayer_statement": GIFT_AID_TAXPAYER_STATEMENT,
            "charity_name": charity_name(request),
            "minimum": format_pounds(minimum_amount()),
            "maximum": format_pounds(maximum_amount()),
        }
    )
    response = render(request, "donations/donation_page.html", context, status=status)
    return response


def _donation_or_404(reference) -> Donation:
    return get_object_or_404(Donation.objects.select_related("gift_aid_declaration"), reference=reference)


@donation_views.view("thank_you")
@never_cache
def thank_you(request, page, reference):
    """Never confirms anything itself: only the provider's webhook does. It reports what the webhook has said."""
    donation = _donation_or_404(reference)
    context = page.get_context(request)
    context.update(receipt_context(donation, request))
    context.update(
        {
            "confirmed": donation.status == Donation.CONFIRMED,
            "unsuccessful": donation.status in (Donation.FAILED, Donation.EXPIRED),
        }
    )
    return render(request, "donations/thank_you.html", context)


@donation_views.view("cancelled")
@never_cache
def cancelled(request, page, reference):
    donation = _donation_or_404(reference)
    abandon_checkout(donation)
    context = page.get_context(request)
    context.update({"donation": donation, "try_again_url": f"{page.get_url(request)}?frequency={donation.frequency}"})
    return render(request, "donations/cancelled.html", context)


@csrf_exempt  # the provider cannot send our CSRF token; every delivery is signed instead
@require_POST
def webhook(request, provider_name: str):
    if provider_name != getattr(settings, "DONATIONS_PROVIDER", "sandbox"):
        raise Http404("No such payment provider")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_WEBHOOK_BYTES:
        return JsonResponse({"outcome": "rejected: too large"}, status=413)
    provider = get_provider(provider_name)
    result = handle_webhook(provider, request.body, request.headers.get(provider.signature_header))
    return JsonResponse({"outcome": result.outcome}, status=result.status)


@never_cache
def sandbox_checkout(request, token: str):
    """The sandbox provider's "hosted" checkout page. Exists only while DONATIONS_PROVIDER is "sandbox"."""
    if getattr(settings, "DONATIONS_PROVIDER", "sandbox") != "sandbox":
        raise Http404("The sandbox payment provider is switched off")
    provider = get_provider("sandbox")
    try:
        session = provider.read_session(token)
    except signing.SignatureExpired:
        return render(request, "donations/sandbox_checkout.html", {"expired": True}, status=410)
    except signing.BadSignature as exc:
        raise Http404("No such checkout page") from exc
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "pay":
            provider.pay(session)
            return _see_other(session["success_url"])
        if action == "cancel":
            return _see_other(session["cancel_url"])
        return HttpResponseBadRequest("Choose pay or cancel")
    if request.method != "GET":
        return HttpResponse(status=405)
    context = {
        "session": session,
        "amount": format_pounds(Decimal(session["amount"])),
        "monthly": session["frequency"] == MONTHLY,
        "charity_name": charity_name(request),
    }
    return render(request, "donations/sandbox_checkout.html", context)
