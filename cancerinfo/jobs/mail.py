"""Every e-mail the site sends goes through the queue: Django's mail API (send_mail, EmailMessage.send, Wagtail's
notifications) writes it to OutgoingEmail in the caller's transaction, and a worker delivers it with
EMAIL_DELIVERY_BACKEND, retrying with backoff while the mail server is down. A form is acknowledged at once
whatever the mail server does."""

import datetime
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import make_msgid
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from cancerinfo.deployment.redaction import redact

from .models import OutgoingEmail
from .registry import PermanentError, is_final_attempt, job

logger = logging.getLogger(__name__)

# A claim older than this belongs to a worker that died while sending: the e-mail may be sent again.
SENDING_TIMEOUT = datetime.timedelta(minutes=10)


class QueuedEmailBackend(BaseEmailBackend):
    """Django e-mail backend that queues messages for the worker instead of sending them."""

    def send_messages(self, email_messages) -> int:
        """Queue each message; one whose Message-ID is already queued (a job run twice) is not queued again."""
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            message_id = message.extra_headers.get("Message-ID") or make_msgid(domain=_domain())
            try:
                with transaction.atomic():
                    record = OutgoingEmail.objects.create(
                        message_id=message_id,
                        subject=str(message.subject)[:255],
                        payload=OutgoingEmail.serialise(message),
                    )
            except IntegrityError:
                logger.info("E-mail %s is already queued: not queued twice", message_id)
                continue
            # The database queue is written in the caller's transaction: a rolled-back form sends nothing.
            deliver_email.enqueue(record.pk)
            count += 1
        return count


def idempotent_message_id(*parts) -> str:
    """A Message-ID made from what the e-mail is about (e.g. "review-reminder", owner, date): queued once, however
    often the job that sends it runs."""
    key = "-".join(str(part) for part in parts)
    return f"<{key}@{_domain()}>"


def _domain() -> str:
    address = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)
    return address[1].strip(">").strip() if len(address) == 2 else "cancerinfo.example"


@job(
    retries=settings.EMAIL_RETRIES,
    backoff=settings.EMAIL_RETRY_SECONDS,
    max_backoff=settings.EMAIL_RETRY_MAX_SECONDS,
)
def deliver_email(email_id: int) -> str:
    """Deliver a queued e-mail"""
    now = timezone.now()
    claimable = Q(status=OutgoingEmail.QUEUED) | Q(status=OutgoingEmail.SENDING, claimed_at__lt=now - SENDING_TIMEOUT)
    claimed = (
        OutgoingEmail.objects.filter(claimable, pk=email_id).update(
            status=OutgoingEmail.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
        == 1
    )
    if not claimed:
        if not OutgoingEmail.objects.filter(pk=email_id).exists():
            raise PermanentError(f"No queued e-mail {email_id}")
        return "already sent or being sent"
    record = OutgoingEmail.objects.get(pk=email_id)
    try:
        with get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False) as connection:
            record.build(connection).send()
    except Exception as error:
        status = OutgoingEmail.FAILED if is_final_attempt() else OutgoingEmail.QUEUED
        OutgoingEmail.objects.filter(pk=email_id).update(
            status=status, last_error=redact(f"{type(error).__name__}: {error}")[:2000]
        )
        raise
    OutgoingEmail.objects.filter(pk=email_id).update(
        status=OutgoingEmail.SENT, sent_at=timezone.now(), payload="", last_error=""
    )
    return "sent"
