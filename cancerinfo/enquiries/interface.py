"""What other apps may use of enquiries (the contracts in pyproject.toml allow imports of this module only)."""

from dataclasses import dataclass

from cancerinfo.delivery import versions


@dataclass(frozen=True)
class ContactLinks:
    contact_url: str  # Contact us: the helpline, the forms and the other ways to reach us
    ask_a_nurse_url: str  # the form that sends a question to a nurse, who replies by e-mail
    write_to_us_url: str  # the form for everything else (not health questions)


def contact_links() -> ContactLinks | None:
    """The addresses of Contact us and its forms, or None where the site has no contact page. Kept per process
    until a page is published (delivery/versions.py), so a page that offers them costs no query."""
    from .models import ContactPage

    def build() -> ContactLinks | None:
        page = ContactPage.objects.live().public().first()
        if page is None or not page.url:
            return None
        return ContactLinks(page.url, page.ask_a_nurse_url, page.write_to_us_url)

    return versions.table("contact-links", [versions.PAGES], build)


def receive_question_from_chat(question: str, email: str) -> str:
    """A live chat still waiting when the nurses went off duty (cancerinfo/chat) becomes a question, received as the
    ask-a-nurse form's are (encrypted, audited, acknowledged by e-mail). Returns its reference."""
    from django.conf import settings
    from django.urls import reverse

    from .services import receive_question

    data = {"question": question, "about": "me", "email": email, "consent_wording_version": "chat-2026-12-v1"}
    enquiry = receive_question(
        data,
        lambda e: settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("enquiries_admin:detail", args=[e.pk]),
    )
    return enquiry.reference


__all__ = ["ContactLinks", "contact_links", "receive_question_from_chat"]
