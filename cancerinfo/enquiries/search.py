"""What enquiries gives the site search: Contact us, and its two forms as pages of their own."""

from cancerinfo.search.registry import page_document, register_source, subpage_document

from .models import ContactPage

# The forms' own introductions (templates/enquiries/ask_a_nurse.html, write_to_us.html), so search reads what
# people read there.
ASK_A_NURSE = (
    "Our cancer information nurses answer questions about cancer, treatment and living with cancer. It is free and "
    "confidential. Send your question online and a nurse replies by email."
)
WRITE_TO_US = (
    "Tell us what you think of our information, report a problem with the website, or get in touch about something "
    "else. Send us a message online."
)


@register_source("contact", page_types=["enquiries.ContactPage"], incremental=True)
def documents(pages=None):
    contact_pages = ContactPage.objects.live().public()
    for page in contact_pages.filter(pk__in=pages) if pages is not None else contact_pages:
        yield page_document(page)
        yield subpage_document(page, page.reverse_subpage("ask_a_nurse"), "Ask a nurse", ASK_A_NURSE)
        yield subpage_document(page, page.reverse_subpage("write_to_us"), "Write to us", WRITE_TO_US)
