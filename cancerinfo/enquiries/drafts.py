"""Turn an answered enquiry into a draft CancerQs question page, with personal details taken out.

The questions app (cancerinfo.questions) is optional here: when it is not installed, the suggestion goes into the
enquiry's closing note instead. Either way a nurse or editor must read the draft before anything is published.
"""

import re
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from django.utils.html import escape

from . import services
from .models import AuditEntry, Enquiry

REDACTED = "[removed]"
PATTERNS = [
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),  # e-mail addresses
    re.compile(r"(?<!\w)(\+?44\s?|0)(\d[\s-]?){9,10}(?!\w)"),  # UK phone numbers
    re.compile(r"\b\d{3}\s?\d{3}\s?\d{4}\b"),  # NHS numbers
    re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE),  # postcodes
    re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"),  # dates such as a date of birth
    re.compile(r"https?://\S+"),  # links (often to social media profiles)
]
INTRODUCTIONS = re.compile(r"\b(my name is|i am called|i'm called|this is)\s+[A-Z][\w'-]+", re.IGNORECASE)


@dataclass
class DraftResult:
    page: object | None
    message: str


def remove_personal_details(text: str, names: list[str] | None = None) -> str:
    for pattern in PATTERNS:
        text = pattern.sub(REDACTED, text)
    text = INTRODUCTIONS.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    for name in names or []:
        if len(name) > 1:
            text = re.sub(rf"\b{re.escape(name)}\b", REDACTED, text, flags=re.IGNORECASE)
    return text.strip()


def _title(question: str) -> str:
    first = re.split(r"(?<=[?.!])\s", " ".join(question.split()), maxsplit=1)[0]
    return (first[:200].rstrip() + "…") if len(first) > 200 else first


def draft_question_from(enquiry: Enquiry, user) -> DraftResult:
    if enquiry.anonymised_at is not None or enquiry.status not in (Enquiry.Status.ANSWERED, Enquiry.Status.CLOSED):
        return DraftResult(None, "Only answered enquiries can become question pages.")
    names = [enquiry.first_name] if enquiry.first_name else []
    question = remove_personal_details(enquiry.question, names)
    reply = enquiry.replies.order_by("-sent_at").first()
    answer = remove_personal_details(reply.body, names) if reply else ""

    if not services.questions_app_available():
        note = f"Suggested as a CancerQs question on {timezone.localdate():%d %B %Y} by {user.get_username()}."
        enquiry.closing_note = f"{enquiry.closing_note}\n{note}".strip()
        enquiry.save()
        services.audit(
            AuditEntry.Action.DRAFT, enquiry.reference, user, detail="Noted for CancerQs (app not installed)"
        )
        return DraftResult(None, "CancerQs is not installed here, so the suggestion was added to the closing note.")

    QuestionPage = apps.get_model("questions", "QuestionPage")
    QuestionIndexPage = apps.get_model("questions", "QuestionIndexPage")
    parent = QuestionIndexPage.objects.first()
    if parent is None:
        return DraftResult(None, "There is no Questions and answers page to put the draft under.")
    paragraphs = [para.strip() for para in answer.split("\n\n") if para.strip()]
    more = "".join(f"<p>{escape(para)}</p>" for para in paragraphs[1:])
    page = QuestionPage(
        title=_title(question) or "Question from the nurse inbox",
        short_answer=paragraphs[0][:1000] if paragraphs else "To be written.",
        detail=[("paragraph", more)] if more else [],
        live=False,
    )
    parent.add_child(instance=page)
    if enquiry.cancer_type_id and hasattr(page, "cancer_types"):
        page.cancer_types.add(enquiry.cancer_type)
    page.save_revision(user=user)
    services.audit(AuditEntry.Action.DRAFT, enquiry.reference, user, detail=f"Draft question page {page.pk}")
    return DraftResult(page, "")
