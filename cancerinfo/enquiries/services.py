"""What happens to questions and messages: receiving, spam, replies, audit, export, erasure, retention.

Rules every function here keeps: the text of a question, reply or message never goes into a log line, a cache key,
a cache value, a URL or an exception message. Log lines carry references and counts only.
"""

import datetime
import json
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from cancerinfo.delivery.throttle import address_hash
from cancerinfo.deployment import crypto
from cancerinfo.helpline.interface import add_working_days

from . import mail
from .models import AuditEntry, ContactMessage, Enquiry, EnquiryReply

logger = logging.getLogger("cancerinfo.enquiries")

NURSES_GROUP = "Nurses"


# --- Audit -------------------------------------------------------------------------------------------------------


def audit(action: str, reference: str = "", actor=None, detail: str = "") -> AuditEntry:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        action=action,
        reference=reference,
        actor=user,
        actor_name=user.get_username() if user else "system",
        detail=detail[:255],
    )


# --- Who may see enquiries ---------------------------------------------------------------------------------------


def is_nurse(user) -> bool:
    """Only members of a group holding enquiries.handle_enquiries (the Nurses group). Being a superuser is not
    enough: access to health data is by role, and superusers add themselves to the group if they need it."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.groups.filter(
        permissions__codename="handle_enquiries", permissions__content_type__app_label="enquiries"
    ).exists()


# --- Spam ----------------------------------------------------------------------------------------------------------


def log_discarded(kind: str, reason: str, request) -> None:
    logger.warning("Discarded a %s form as spam (%s) from client %s", kind, reason, address_hash(request)[:12])


# --- Receiving -----------------------------------------------------------------------------------------------------


def reply_by(start: datetime.date | None = None) -> dict:
    days = settings.ENQUIRY_REPLY_WORKING_DAYS
    return {"working_days": days, "date": add_working_days(start or timezone.localdate(), days)}


@sensitive_variables("data")
def receive_question(data: dict, inbox_url_for) -> Enquiry:
    """Store a question (encrypted), audit it, acknowledge it and tell the nurses (without the question)."""
    with transaction.atomic():
        enquiry = Enquiry.objects.create(
            question=data["question"],
            about=data["about"],
            cancer_type=data.get("cancer_type"),
            first_name=data.get("first_name", ""),
            email=data["email"],
            consent_wording_version=data["consent_wording_version"],
            consent_given_at=timezone.now(),
        )
        audit(AuditEntry.Action.CREATE, enquiry.reference, detail="Received through the website")
    expected = reply_by()
    mail.acknowledge_question(enquiry, expected)
    mail.notify_nurses(enquiry, inbox_url_for(enquiry))
    logger.info("Question %s received", enquiry.reference)
    return enquiry


@sensitive_variables("data")
def receive_contact_message(data: dict) -> ContactMessage:
    message = ContactMessage.objects.create(
        category=data["category"], name=data.get("name", ""), email=data["email"], message=data["message"]
    )
    routes = settings.ENQUIRY_CONTACT_ROUTES
    to = routes.get(message.category) or routes.get("other")
    mail.route_contact_message(message, to)
    mail.acknowledge_contact_message(message)
    logger.info("Contact message %s (%s) sent to its team", message.reference, message.category)
    return message


# --- Nurse inbox ---------------------------------------------------------------------------------------------------


def record_view(enquiry: Enquiry, user) -> None:
    audit(AuditEntry.Action.VIEW, enquiry.reference, user)


def assign_to(enquiry: Enquiry, user) -> None:
    enquiry.assigned_to = user
    if enquiry.status == Enquiry.Status.NEW:
        enquiry.set_status(Enquiry.Status.IN_PROGRESS)
    enquiry.save()
    audit(AuditEntry.Action.ASSIGN, enquiry.reference, user, detail=f"Assigned to {user.get_username()}")


def change_status(enquiry: Enquiry, status: str, user) -> None:
    previous = enquiry.status
    enquiry.set_status(status)
    enquiry.save()
    audit(AuditEntry.Action.STATUS, enquiry.reference, user, detail=f"{previous} to {status}")


@sensitive_variables("body")
def send_reply(enquiry: Enquiry, user, body: str, linked_page=None, mark_answered: bool = True) -> EnquiryReply:
    reply = EnquiryReply.objects.create(enquiry=enquiry, author=user, body=body, linked_page=linked_page)
    page_url = linked_page.specific.full_url if linked_page is not None else None
    mail.send_reply(enquiry, reply, page_url)
    if enquiry.assigned_to_id is None:
        enquiry.assigned_to = user
    if mark_answered:
        enquiry.set_status(Enquiry.Status.ANSWERED)
    elif enquiry.status == Enquiry.Status.NEW:
        enquiry.set_status(Enquiry.Status.IN_PROGRESS)
    enquiry.save()
    detail = f"Reply sent; linked page {linked_page.pk}" if linked_page is not None else "Reply sent"
    audit(AuditEntry.Action.REPLY, enquiry.reference, user, detail=detail)
    return reply


def suggest_pages(query: str, limit: int = 10):
    """Booklet sections, booklets and question pages whose title matches, for linking in a reply."""
    from wagtail.models import Page

    query = " ".join(query.split())[:100]
    if len(query) < 2:
        return []
    return list(Page.objects.live().public().filter(depth__gt=2, title__icontains=query).order_by("title")[:limit])


# --- Subject access and erasure ------------------------------------------------------------------------------------


def find_person(email: str) -> tuple[list[Enquiry], list[ContactMessage]]:
    digest = crypto.lookup_hash(email)
    enquiries = list(Enquiry.objects.filter(email_hash=digest).prefetch_related("replies"))
    messages = list(ContactMessage.objects.filter(email_hash=digest))
    return enquiries, messages


def export_person(email: str, actor=None) -> dict:
    """Everything we hold about the person with this e-mail address (subject access request), audited."""
    enquiries, messages = find_person(email)
    data = {
        "exported_at": timezone.now().isoformat(),
        "email": email,
        "questions": [
            {
                "reference": e.reference,
                "received": e.created_at.isoformat(),
                "status": e.get_status_display(),
                "about": e.get_about_display(),
                "cancer_type": e.cancer_type.name if e.cancer_type else None,
                "first_name": e.first_name,
                "question": e.question,
                "consent_wording_version": e.consent_wording_version,
                "consent_given_at": e.consent_given_at.isoformat(),
                "replies": [{"sent": r.sent_at.isoformat(), "reply": r.body} for r in e.replies.all()],
            }
            for e in enquiries
        ],
        "contact_messages": [
            {
                "reference": m.reference,
                "received": m.created_at.isoformat(),
                "about": m.get_category_display(),
                "name": m.name,
                "message": m.message,
            }
            for m in messages
        ],
    }
    references = [e.reference for e in enquiries] + [m.reference for m in messages]
    for reference in references or [""]:
        audit(AuditEntry.Action.EXPORT, reference, actor, detail=f"Subject access export ({len(references)} records)")
    return data


def export_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def erase_person(email: str, actor=None) -> int:
    """Delete every question, reply and message from this e-mail address. Audited by reference only."""
    enquiries, messages = find_person(email)
    with transaction.atomic():
        for record in [*enquiries, *messages]:
            audit(AuditEntry.Action.DELETION, record.reference, actor, detail="Erased at the person's request")
            record.delete()
    logger.info("Erased %d records at a person's request", len(enquiries) + len(messages))
    return len(enquiries) + len(messages)


# --- Retention -----------------------------------------------------------------------------------------------------


def purge_expired(now: datetime.datetime | None = None, days: int | None = None, dry_run: bool = False) -> dict:
    """Anonymise closed questions and delete contact messages older than the retention period.

    An anonymised question keeps its reference, dates, status, who it was about and cancer type (for counting what
    people ask about) and loses everything personal: question, name, e-mail, replies and closing note.
    """
    now = now or timezone.now()
    days = settings.ENQUIRY_RETENTION_DAYS if days is None else days
    cutoff = now - datetime.timedelta(days=days)
    expired = Enquiry.objects.filter(
        status=Enquiry.Status.CLOSED, closed_at__lt=cutoff, anonymised_at__isnull=True
    ).only("pk", "reference")
    old_messages = ContactMessage.objects.filter(created_at__lt=cutoff).only("pk", "reference")
    summary = {"anonymised": 0, "messages_deleted": 0, "cutoff": cutoff}
    if dry_run:
        summary.update(anonymised=expired.count(), messages_deleted=old_messages.count())
        return summary
    for enquiry in expired.iterator():
        with transaction.atomic():
            EnquiryReply.objects.filter(enquiry_id=enquiry.pk).delete()
            Enquiry.objects.filter(pk=enquiry.pk).update(
                question="", first_name="", email="", email_hash="", closing_note="", anonymised_at=now
            )
            audit(AuditEntry.Action.ANONYMISE, enquiry.reference, detail=f"Retention: closed over {days} days ago")
        summary["anonymised"] += 1
    for message in old_messages.iterator():
        with transaction.atomic():
            audit(AuditEntry.Action.DELETION, message.reference, detail=f"Retention: over {days} days old")
            ContactMessage.objects.filter(pk=message.pk).delete()
        summary["messages_deleted"] += 1
    return summary


# --- CancerQs (questions app) ---------------------------------------------------------------------------------------


def questions_app_available() -> bool:
    from django.apps import apps

    return apps.is_installed("cancerinfo.questions")
