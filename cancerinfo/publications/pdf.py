"""Print-quality PDFs of booklets (WeasyPrint): cover, contents with page numbers, bookmarks, helpline footer.

A PDF is cached per booklet, variant and content key; the key changes whenever the booklet or any of its
sections is published, or the helpline number changes, so a stale PDF is never served.
"""

import hashlib
import io
import logging
import re
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Site

from cancerinfo.booklets.interface import booklet_sections
from cancerinfo.core.models import SiteSettings
from cancerinfo.core.outputs import service_identity
from cancerinfo.helpline.interface import hours_text
from cancerinfo.translations import languages

from .models import BookletPdf, Publication

logger = logging.getLogger(__name__)

# Bump when the PDF templates change in a way that should replace cached files.
TEMPLATE_VERSION = "6"
VARIANTS = (BookletPdf.VARIANT_STANDARD, BookletPdf.VARIANT_LARGE_PRINT)
LARGE_PRINT_BODY_PT = 16


def local_fetcher():
    """A WeasyPrint URL fetcher that reads only our own media and static files: never the network."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = urlsplit(url).path
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if path.startswith(settings.MEDIA_URL):
                with default_storage.open(path[len(settings.MEDIA_URL) :], "rb") as handle:
                    return URLFetcherResponse(url, handle.read(), {}, 200)
            if path.startswith(settings.STATIC_URL):
                found = finders.find(path[len(settings.STATIC_URL) :])
                if found:
                    with open(found, "rb") as handle:
                        return URLFetcherResponse(url, handle.read(), {}, 200)
            raise ValueError(f"Not fetched for a PDF: {url}")

    return LocalFetcher()


def html_to_pdf(html: str, base_url: str, tagged: bool = True) -> bytes:
    from weasyprint import HTML

    options = {"pdf_variant": "pdf/ua-1"} if tagged else {}
    return HTML(string=html, base_url=base_url, url_fetcher=local_fetcher()).write_pdf(**options)


def _site_for(page):
    return page.get_site() or Site.objects.filter(is_default_site=True).first()


def _helpline(site) -> SiteSettings | None:
    if site is None:
        return None
    return SiteSettings.for_site(site)


def content_key(booklet, sections=None, site_settings=None) -> str:
    """Changes whenever what the PDF shows changes: booklet and section revisions, helpline, template version."""
    if sections is None:
        sections = booklet_sections(booklet)
    if site_settings is None:
        site_settings = _helpline(_site_for(booklet))
    parts = [
        TEMPLATE_VERSION,
        str(booklet.pk),
        str(booklet.live_revision_id),
        ",".join(f"{s.pk}:{s.live_revision_id}" for s in sections),
    ]
    if site_settings is not None:
        parts += [site_settings.helpline_number, hours_text(site_settings)]
    # The back page's identity (core/outputs.py): a new service name, charity number or logo makes a new PDF.
    identity = service_identity(_site_for(booklet))
    parts += [
        identity.service_name,
        identity.text_relay_number,
        identity.charity_name,
        identity.charity_registration,
        str(getattr(identity.logo, "pk", "")),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def filename(booklet, variant: str) -> str:
    suffix = "-large-print" if variant == BookletPdf.VARIANT_LARGE_PRINT else ""
    return f"{slugify(booklet.title)[:80] or 'booklet'}{suffix}.pdf"


def render_booklet_html(booklet, variant: str, sections=None) -> str:
    """The booklet as HTML for the PDF, in the booklet's language: its words and the PDF's own (cover, contents,
    header and footer, helpline hours, dates), whichever language the request or task that makes it runs in."""
    language = languages.get(booklet.locale.language_code)
    with translation.override(language.code):
        return _render_booklet_html(booklet, variant, sections, language)


def _render_booklet_html(booklet, variant: str, sections, language) -> str:
    site = _site_for(booklet)
    site_settings = _helpline(site)
    if sections is None:
        sections = booklet_sections(booklet, specific=True)
    publication = Publication.objects.filter(booklet=booklet).order_by("-edition_date").first()
    return render_to_string(
        "publications/pdf/booklet.html",
        {
            "page": booklet,
            "booklet": booklet,
            "sections": sections,
            "publication": publication,
            "site_settings": site_settings,
            "helpline_hours": hours_text(site_settings) if site_settings is not None else "",
            "site_name": site.site_name if site and site.site_name else settings.WAGTAIL_SITE_NAME,
            "identity": service_identity(site),
            "large_print": variant == BookletPdf.VARIANT_LARGE_PRINT,
            "large_print_pt": LARGE_PRINT_BODY_PT,
            "footer_text": _footer_text(site_settings),
            "header_text": _css_string(booklet.title),
            "page_numbers": _page_numbers(_("Page %(page)s of %(pages)s")),
            # The booklet's own language: lang and dir on the PDF, so Urdu is shaped and set right to left.
            "language": language,
        },
    )


def _footer_text(site_settings) -> str:
    if site_settings is None:
        return ""
    text = _("Free helpline: %(number)s") % {"number": site_settings.helpline_number}
    hours = hours_text(site_settings)
    if hours:
        text += f" ({hours})"
    return _css_string(text)


def _page_numbers(text: str) -> str:
    """ "Page %(page)s of %(pages)s" as a CSS content value: "Page " counter(page) " of " counter(pages)."""
    parts = []
    for piece in re.split(r"(%\((?:page|pages)\)s)", text):
        if piece in ("%(page)s", "%(pages)s"):
            parts.append(f"counter({piece[2:-2]})")
        elif piece:
            parts.append(f'"{_css_escape(piece)}"')
    return " ".join(parts)


def _css_string(text: str) -> str:
    """Text to put inside a double-quoted CSS string (page header and footer)."""
    return _css_escape(" ".join(text.split()))


def _css_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")


def render_booklet_pdf(booklet, variant: str = BookletPdf.VARIANT_STANDARD) -> bytes:
    site = _site_for(booklet)
    base_url = site.root_url + "/" if site else "http://localhost/"
    return html_to_pdf(render_booklet_html(booklet, variant), base_url=base_url)


def cached_pdf(booklet, variant: str, key: str | None = None) -> BookletPdf | None:
    key = key or content_key(booklet)
    record = BookletPdf.objects.filter(booklet=booklet, variant=variant, content_key=key).first()
    if record is not None and record.file and default_storage.exists(record.file.name):
        return record
    return None


def previous_pdf(booklet, variant: str) -> BookletPdf | None:
    """The newest PDF made of an earlier version of the booklet, kept until the current one is made."""
    for record in BookletPdf.objects.filter(booklet=booklet, variant=variant).order_by("-generated_at", "-pk")[:3]:
        if record.file and default_storage.exists(record.file.name):
            return record
    return None


def get_or_create_pdf(booklet, variant: str = BookletPdf.VARIANT_STANDARD) -> BookletPdf:
    """The cached PDF for the booklet's current content, generated now if it is not there yet."""
    from pypdf import PdfReader

    key = content_key(booklet)
    record = cached_pdf(booklet, variant, key)
    if record is not None:
        return record
    started = time.perf_counter()
    data = render_booklet_pdf(booklet, variant)
    seconds = time.perf_counter() - started
    page_count = len(PdfReader(io.BytesIO(data)).pages)
    name = f"publications/pdf/{booklet.pk}/{key[:16]}-{filename(booklet, variant)}"
    saved_name = default_storage.save(name, ContentFile(data))  # the storage picks a free name if taken
    details = {"file": saved_name, "page_count": page_count, "size": len(data), "seconds": round(seconds, 3)}
    record = BookletPdf.objects.filter(booklet=booklet, variant=variant, content_key=key).first()
    if record is not None:  # its file had gone missing: point it at the new one
        for field, value in details.items():
            setattr(record, field, value)
        record.save()
    else:
        try:
            with transaction.atomic():
                record = BookletPdf.objects.create(booklet=booklet, variant=variant, content_key=key, **details)
        except IntegrityError:  # another worker finished the same PDF first: use theirs
            default_storage.delete(saved_name)
            return BookletPdf.objects.get(booklet=booklet, variant=variant, content_key=key)
    _remove_old_versions(booklet, variant, keep=key)
    logger.info("PDF of booklet %s (%s): %d pages in %.1fs", booklet.pk, variant, page_count, seconds)
    return record


def _remove_old_versions(booklet, variant: str, keep: str) -> None:
    for old in BookletPdf.objects.filter(booklet=booklet, variant=variant).exclude(content_key=keep):
        if old.file:
            try:
                default_storage.delete(old.file.name)
            except OSError:
                logger.warning("Could not delete old PDF %s", old.file.name)
        old.delete()
