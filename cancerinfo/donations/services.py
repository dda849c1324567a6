"""The donation journey: start a donation (pending), send the donor to the provider, act on its signed webhooks."""

import logging
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from cancerinfo.core.outputs import service_identity
from cancerinfo.delivery.throttle import DONATION_START

from .amounts import format_pounds, from_pence, gift_aid_value, to_pence
from .models import MONTHLY, Donation, GiftAidDeclaration, ProcessedWebhookEvent
from .providers import CheckoutRequest, PaymentProvider, ProviderError, WebhookError, get_provider, sandbox

logger = logging.getLogger(__name__)

# HMRC's Gift Aid declaration. Change the version whenever the words change: each declaration stores both.
GIFT_AID_WORDING_VERSION = "2026-11"
GIFT_AID_TAXPAYER_STATEMENT = (
    "I am a UK taxpayer and understand that if I pay less Income Tax and/or Capital Gains Tax in the current tax "
    "year than the amount of Gift Aid claimed on all my donations it is my responsibility to pay any difference."
)


def charity_name(request=None) -> str:
    """The charity's name from the site settings (core/outputs.py), else the DONATIONS_CHARITY_NAME setting. With a
    request, the settings the page has read already: no further query."""
    return service_identity(request=request).charity_name or getattr(settings, "DONATIONS_CHARITY_NAME", "CancerInfo")


def gift_aid_wording(
    amount: Decimal | None, frequency: str, past: bool = False, future: bool = False, request=None
) -> str:
    """The declaration as the donor sees it, for this amount and the donations it covers."""
    if amount is None:
        gift = "my monthly donation" if frequency == MONTHLY else "my donation"
    elif frequency == MONTHLY:
        gift = f"my monthly donation of {format_pounds(amount)}"
    else:
        gift = f"my donation of {format_pounds(amount)}"
    if past and future:
        gift += " and any donations I make in the future or have made in the past 4 years"
    elif past:
        gift += " and any donations I have made in the past 4 years"
    elif future:
        gift += " and any donations I make in the future"
    return f"I want to Gift Aid {gift} to {charity_name(request)}. {GIFT_AID_TAXPAYER_STATEMENT}"


# Card-testing defence: a few donations started per client address per window (cancerinfo.delivery.throttle).


def register_start_attempt(request) -> bool:
    """Count one attempt to start a donation from this address; False once the limit for the window is passed."""
    return DONATION_START.attempt(request)


# Starting a donation.


@dataclass(frozen=True)
class DonationDetails:
    frequency: str
    amount: Decimal
    email: str
    in_memory_of: str = ""
    heard_about: str = ""
    gift_aid: dict | None = None  # title, first_name, last_name, house_name_or_number, address, postcode, past, future


def create_pending_donation(details: DonationDetails, provider_name: str) -> Donation:
    """Record the donation as pending (with its Gift Aid declaration) before anyone is sent to pay."""
    with transaction.atomic():
        declaration = None
        if details.gift_aid:
            ga = details.gift_aid
            declaration = GiftAidDeclaration.objects.create(
                title=ga.get("title", ""),
                first_name=ga["first_name"],
                last_name=ga["last_name"],
                house_name_or_number=ga["house_name_or_number"],
                address=ga.get("address", ""),
                postcode=ga["postcode"],
                covers_this_donation=True,
                covers_past_four_years=bool(ga.get("past")),
                covers_future=bool(ga.get("future")),
                wording_version=GIFT_AID_WORDING_VERSION,
                wording=gift_aid_wording(details.amount, details.frequency, ga.get("past"), ga.get("future")),
                declared_at=timezone.now(),
            )
        return Donation.objects.create(
            frequency=details.frequency,
            amount=details.amount,
            email=details.email,
            in_memory_of=details.in_memory_of,
            heard_about=details.heard_about,
            provider=provider_name,
            gift_aid_declaration=declaration,
        )


def start_checkout(donation: Donation, provider: PaymentProvider, success_url: str, cancel_url: str) -> str:
    """Open the provider's hosted page for a pending donation; return its URL. Raises ProviderError."""
    description = f"{'Monthly donation' if donation.is_monthly else 'Donation'} to {charity_name()}"
    request = CheckoutRequest(
        reference=str(donation.reference),
        amount=donation.amount,
        frequency=donation.frequency,
        email=donation.email,
        description=description,
        success_url=success_url,
        cancel_url=cancel_url,
    )
    try:
        session = provider.create_checkout(request)
    except ProviderError:
        logger.exception("Could not open a checkout page for donation %s", donation.pk)
        Donation.objects.filter(pk=donation.pk).update(status=Donation.FAILED)
        raise
    Donation.objects.filter(pk=donation.pk).update(provider_session_id=session.id)
    donation.provider_session_id = session.id
    return session.url


def abandon_checkout(donation: Donation) -> None:
    """The donor came back through "cancel": close the provider's page so it cannot be paid later (best effort).

    The donation itself changes only when the provider's webhook says the page expired.
    """
    if donation.status != Donation.PENDING or not donation.provider_session_id:
        return
    try:
        get_provider(donation.provider).expire_checkout(donation.provider_session_id)
    except Exception:  # never let the cancelled page fail because of the provider
        logger.warning("Could not expire checkout session for donation %s", donation.pk, exc_info=True)


# Webhooks.


@dataclass(frozen=True)
class WebhookResult:
    status: int
    outcome: str  # processed, duplicate, replayed, rejected


def handle_webhook(provider: PaymentProvider, body: bytes, signature: str | None) -> WebhookResult:
    """Verify a delivery and act on it once. The only way a donation becomes confirmed."""
    try:
        event = provider.parse_webhook(body, signature)
    except WebhookError as exc:
        logger.warning("Refused a %s webhook: %s", provider.name, exc)
        return WebhookResult(400, f"rejected: {exc}")
    with transaction.atomic():
        seen = ProcessedWebhookEvent.objects.filter(provider=provider.name, event_id=event.id).first()
        if seen is not None:
            if seen.signature_digest == event.signature_digest:
                logger.warning("Refused a replayed %s webhook %s", provider.name, event.id)
                return WebhookResult(400, "replayed")
            return WebhookResult(200, "duplicate")
        try:
            with transaction.atomic():
                record = ProcessedWebhookEvent.objects.create(
                    provider=provider.name,
                    event_id=event.id,
                    event_type=event.type[:100],
                    signature_digest=event.signature_digest,
                )
        except IntegrityError:  # the same event processed at the same moment by another worker
            return WebhookResult(200, "duplicate")
        donation = _apply_event(provider.name, event.type, event.object)
        if donation is not None:
            record.donation = donation
            record.save(update_fields=["donation"])
    return WebhookResult(200, "processed")


sandbox.connect_webhook_door(handle_webhook)  # the sandbox pays through the same door as a real provider


def _reference(obj: dict) -> str:
    metadata = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
    return str(obj.get("client_reference_id") or metadata.get("donation_reference") or "")


def _locked_donation(provider_name: str, reference: str = "", session_id: str = "") -> Donation | None:
    donations = Donation.objects.select_for_update().filter(provider=provider_name)
    if reference:
        try:
            return donations.filter(reference=uuid.UUID(reference)).first()
        except ValueError:  # not one of our references
            return None
    if session_id:
        return donations.filter(provider_session_id=session_id).first()
    return None


def _apply_event(provider_name: str, event_type: str, obj: dict) -> Donation | None:
    if event_type in ("checkout.session.completed", "checkout.session.async_payment_succeeded"):
        return _checkout_paid(provider_name, obj)
    if event_type in ("checkout.session.expired", "checkout.session.async_payment_failed"):
        donation = _locked_donation(provider_name, _reference(obj), "" if _reference(obj) else str(obj.get("id", "")))
        if donation is not None and donation.status == Donation.PENDING:
            donation.status = Donation.EXPIRED if event_type.endswith("expired") else Donation.FAILED
            donation.save(update_fields=["status"])
        return donation
    if event_type in ("invoice.paid", "invoice.payment_succeeded"):
        return _monthly_payment(provider_name, obj)
    if event_type == "customer.subscription.deleted":
        first = _first_of_subscription(provider_name, str(obj.get("id", "")))
        if first is not None and first.subscription_cancelled_at is None:
            first.subscription_cancelled_at = timezone.now()
            first.save(update_fields=["subscription_cancelled_at"])
        return first
    return None  # other events are recorded as seen and otherwise ignored


def _checkout_paid(provider_name: str, obj: dict) -> Donation | None:
    donation = _locked_donation(provider_name, _reference(obj))
    if donation is None:
        logger.error("Paid checkout %s matches no donation", obj.get("id"))
        return None
    if obj.get("payment_status") not in ("paid", "no_payment_required"):
        return donation  # e.g. a bank debit still clearing: async_payment_succeeded follows
    problems = []
    if donation.provider_session_id and obj.get("id") != donation.provider_session_id:
        problems.append("session id")
    if obj.get("amount_total") != to_pence(donation.amount):
        problems.append("amount")
    if str(obj.get("currency", "")).lower() != donation.currency.lower():
        problems.append("currency")
    if problems:
        logger.error("Paid checkout does not match donation %s (%s): not confirmed", donation.pk, ", ".join(problems))
        return donation
    if donation.status == Donation.CONFIRMED:
        return donation
    donation.status = Donation.CONFIRMED
    donation.confirmed_at = timezone.now()
    donation.provider_payment_id = str(obj.get("payment_intent") or "")[:255]
    donation.provider_subscription_id = str(obj.get("subscription") or "")[:255]
    donation.save(update_fields=["status", "confirmed_at", "provider_payment_id", "provider_subscription_id"])
    transaction.on_commit(lambda: send_confirmation(donation))
    return donation


def _first_of_subscription(provider_name: str, subscription_id: str) -> Donation | None:
    if not subscription_id:
        return None
    return (
        Donation.objects.select_for_update()
        .filter(provider=provider_name, provider_subscription_id=subscription_id, regular_gift__isnull=True)
        .first()
    )


def _subscription_id(invoice: dict) -> str:
    if invoice.get("subscription"):
        return str(invoice["subscription"])
    parent = invoice.get("parent") if isinstance(invoice.get("parent"), dict) else {}
    details = parent.get("subscription_details") if isinstance(parent.get("subscription_details"), dict) else {}
    return str(details.get("subscription") or "")


def _monthly_payment(provider_name: str, invoice: dict) -> Donation | None:
    """A later month of a monthly gift becomes a donation of its own (each is its own Gift Aid donation)."""
    if invoice.get("billing_reason") != "subscription_cycle":
        return None  # the first month is confirmed by checkout.session.completed
    first = _first_of_subscription(provider_name, _subscription_id(invoice))
    if first is None:
        logger.error("Monthly payment %s matches no monthly donation", invoice.get("id"))
        return None
    payment_id = str(invoice.get("id") or "")[:255]
    existing = Donation.objects.filter(provider=provider_name, provider_payment_id=payment_id).first()
    if payment_id and existing is not None:
        return existing
    amount_paid = invoice.get("amount_paid")
    if not isinstance(amount_paid, int) or amount_paid <= 0:
        logger.error("Monthly payment %s has no amount", payment_id)
        return None
    declaration = first.gift_aid_declaration
    if declaration is not None and declaration.cancelled_at is not None:
        declaration = None
    return Donation.objects.create(
        frequency=MONTHLY,
        amount=from_pence(amount_paid),
        status=Donation.CONFIRMED,
        confirmed_at=timezone.now(),
        email=first.email,
        in_memory_of=first.in_memory_of,
        heard_about=first.heard_about,
        personal_data_removed_at=first.personal_data_removed_at,
        provider=provider_name,
        provider_payment_id=payment_id,
        provider_subscription_id=first.provider_subscription_id,
        regular_gift=first,
        gift_aid_declaration=declaration,
    )


def receipt_context(donation: Donation, request=None) -> dict:
    """What a receipt shows, e-mailed or on the thank-you page: the amount, the short reference, the charity's
    registration and, when Gift Aid was declared, the declaration's own words and date. No name or address."""
    identity = service_identity(request=request)
    declaration = donation.gift_aid_declaration if donation.gift_aid else None
    return {
        "donation": donation,
        "identity": identity,
        "charity_name": identity.charity_name or getattr(settings, "DONATIONS_CHARITY_NAME", "CancerInfo"),
        "amount": format_pounds(donation.amount),
        "gift_aid_amount": format_pounds(gift_aid_value(donation.amount)),
        "declaration": declaration,
    }


def send_confirmation(donation: Donation) -> None:
    if not donation.email:
        return
    context = receipt_context(donation)
    body = render_to_string("donations/email/receipt.txt", context)
    try:
        send_mail(f"Your donation to {context['charity_name']} is confirmed", body, None, [donation.email])
    except Exception:  # mail trouble must not undo a confirmed payment
        logger.exception("Could not email the confirmation for donation %s", donation.pk)
