"""Every language gets the same services: its own PDF of a booklet (text that can be copied out, set in the
language's direction) and search in its own words. Urdu is written right to left."""

import io
import re
import unicodedata

import pytest
from pypdf import PdfReader

from cancerinfo.booklets.tests.factories import make_booklet
from cancerinfo.publications.pdf import render_booklet_html, render_booklet_pdf
from cancerinfo.search import services as search

from .factories import URDU, WELSH, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_urdu(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("ur", "Urdu")]
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES


@pytest.fixture
def booklet(site_tree):
    return make_booklet(site_tree["treatments"], "Understanding testing", sections=2)


def translated_booklet(booklet, code, strings):
    translated = translate(booklet, code, strings)
    translate(booklet.get_children().live().order_by("path").first().specific, code, strings)
    return translated


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return unicodedata.normalize("NFKC", text)  # Arabic presentation forms back to letters


def test_a_welsh_pdf_is_made_in_welsh(booklet):
    welsh = translated_booklet(booklet, "cy", WELSH)

    html = render_booklet_html(welsh.specific, "standard")
    assert '<html lang="cy" dir="ltr">' in html
    data = render_booklet_pdf(welsh.specific)
    text = pdf_text(data)
    assert "Deall profion" in text
    assert "Testun adran un, yn Gymraeg" in text
    assert all(x < width / 2 for x, width in line_starts(data, WELSH["Section 1"]))  # left to right
    # The PDF's own words are Welsh too: its contents, page numbers, helpline footer and hours.
    assert "Cynnwys" in text
    assert "Tudalen 1 o" in text
    assert "Llinell gymorth am ddim" in text
    assert "Dydd Llun – Dydd Gwener, 9yb i 5yh" in text
    assert "Contents" not in text
    assert "Monday" not in text


def test_an_english_pdf_stays_english(booklet):
    text = pdf_text(render_booklet_pdf(booklet))
    assert "Contents" in text
    assert "Page 1 of" in text
    assert "Free helpline" in text
    assert "Cynnwys" not in text


def test_an_urdu_pdf_is_made_right_to_left_with_its_text_extractable(with_urdu, booklet):
    urdu = translated_booklet(booklet, "ur", URDU)

    html = render_booklet_html(urdu.specific, "standard")
    assert '<html lang="ur" dir="rtl">' in html
    data = render_booklet_pdf(urdu.specific)
    text = pdf_text(data)
    words = URDU["Text of section 1."].rstrip("۔").split()
    found = [word for word in words if word in text]
    assert len(found) >= len(words) - 1, text  # shaped, joined letters come back as the words
    # Right to left: the section's heading starts from the right-hand side of the page.
    assert all(x > width / 2 for x, width in line_starts(data, URDU["Section 1"])), line_starts(data, URDU["Section 1"])


def line_starts(data: bytes, wanted: str) -> list[tuple[float, float]]:
    """(x where a run of text exactly `wanted` starts, page width) for each such run in the PDF."""
    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        width = float(page.mediabox.width)

        def visit(text_run, cm, tm, font, size, width=width):
            if unicodedata.normalize("NFKC", text_run).strip() == wanted:
                found.append((tm[4] * cm[0] + cm[4], width))

        page.extract_text(visitor_text=visit)
    assert found, f"no line '{wanted}' in the PDF"
    return found


def test_search_in_welsh_finds_the_welsh_page(client, booklet):
    translated_booklet(booklet, "cy", WELSH)
    search.reset()

    welsh_results = search.search("cemotherapi cyffuriau", language="cy", log=False)
    assert [r.document.url for r in welsh_results.results][:1] == ["/cy/treatments/understanding-testing/section-1/"]
    html = client.get("/cy/search/?q=cemotherapi+cyffuriau").content.decode()
    assert 'href="/cy/treatments/understanding-testing/section-1/"' in html
    assert '<html lang="cy"' in html
    # English readers are not sent to the Welsh pages; Welsh readers still find English pages.
    english = search.search("cemotherapi cyffuriau", language="en-gb", log=False)
    assert not any(r.document.url.startswith("/cy/") for r in english.results)
    both = search.search("section", language="cy", log=False)
    assert any(re.match(r"^/treatments/", r.document.url) for r in both.results)


def test_welsh_search_offers_no_english_page_at_a_welsh_address(booklet):
    """The Welsh copy of the site holds untranslated pages' places (the Welsh home page, the treatments area) with
    aliases of the English ones: English words at /cy/ addresses. Search finds the English pages themselves."""
    translated_booklet(booklet, "cy", WELSH)
    search.reset()

    urls = [r.document.url for r in search.search("cancer treatments", language="cy", log=False).results]
    assert "/treatments/" in urls
    assert "/cy/treatments/" not in urls
    assert not any(url.startswith("/cy/") and url.count("/") <= 3 for url in urls), urls
    welsh = [r.document.url for r in search.search("deall profion", language="cy", log=False).results]
    assert welsh[:1] == ["/cy/treatments/understanding-testing/"]
