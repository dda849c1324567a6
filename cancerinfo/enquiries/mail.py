"""Every e-mail the enquiries service sends, in one place. Tests read Django's locmem outbox.

Headers only ever carry our own fixed text, a reference and validated e-mail addresses: names and questions stay
in the body, so CR/LF in what a stranger types can never add a header.
"""

import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string


def _send(subject: str, to: list[str], template: str, context: dict, reply_to: list[str] | None = None) -> None:
    body = render_to_string(template, context)
    EmailMessage(subject=subject, body=body, to=to, reply_to=reply_to or None).send(fail_silently=False)


def acknowledge_question(enquiry, reply_by: dict) -> None:
    _send(
        f"We have your question (reference {enquiry.reference})",
        [enquiry.email],
        "enquiries/email/acknowledgement.txt",
        {"enquiry": enquiry, "reply_by": reply_by},
    )


def notify_nurses(enquiry, inbox_url: str) -> None:
    if settings.ENQUIRY_NURSE_INBOX:
        _send(
            f"New question for the nurses ({enquiry.reference})",
            list(settings.ENQUIRY_NURSE_INBOX),
            "enquiries/email/nurse_notification.txt",
            {"enquiry": enquiry, "inbox_url": inbox_url},
        )


# "Dear Sam," "Hi Sam" "Good morning": the nurse has greeted them already, so the e-mail adds no "Hello Sam,".
GREETING = re.compile(r"^\s*(dear|hello|hi|hey|good (morning|afternoon|evening))\b", re.IGNORECASE)


def opens_with_greeting(body: str) -> bool:
    return bool(GREETING.match(body or ""))


def send_reply(enquiry, reply, page_url: str | None) -> None:
    _send(
        f"Reply from our cancer nurses (reference {enquiry.reference})",
        [enquiry.email],
        "enquiries/email/reply.txt",
        {"enquiry": enquiry, "reply": reply, "page_url": page_url, "greeted": opens_with_greeting(reply.body)},
    )


def route_contact_message(message, to: str) -> None:
    _send(
        f"Website contact: {message.get_category_display()} ({message.reference})",
        [to],
        "enquiries/email/contact_message.txt",
        {"message": message},
        reply_to=[message.email],
    )


def acknowledge_contact_message(message) -> None:
    _send(
        f"Thank you for your message (reference {message.reference})",
        [message.email],
        "enquiries/email/contact_acknowledgement.txt",
        {"message": message},
    )
