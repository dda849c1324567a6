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


__all__ = ["ContactLinks", "contact_links"]
