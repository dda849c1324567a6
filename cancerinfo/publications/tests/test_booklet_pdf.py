"""A booklet's PDF: cover with dates, contents with page numbers, every section in order, bookmarks, references,
the helpline on every page, a large-print variant; made when published, cached, served with a good file name."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from pypdf import PdfReader

from cancerinfo.booklets.tests.factories import publish
from cancerinfo.core.models import SiteSettings
from cancerinfo.publications import pdf
from cancerinfo.publications.models import BookletPdf

from .factories import SECTION_TITLES, catalogue, make_pdf_booklet, make_publication

pytestmark = pytest.mark.django_db


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() or "" for page in reader.pages]


def outline_titles(reader: PdfReader) -> list[str]:
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def font_size_of(reader: PdfReader, needle: str) -> float:
    """The size in points at which a piece of text is printed (font size × text and page scaling)."""
    sizes = []

    def visit(text, cm, tm, font_dict, font_size):
        if needle in text:
            sizes.append(round(font_size * abs(cm[0]) * abs(tm[0]), 1))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
        if sizes:
            return sizes[0]
    raise AssertionError(f"{needle!r} is not in the PDF")


@pytest.fixture
def booklet(site_tree):
    booklet = make_pdf_booklet(site_tree)
    make_publication(booklet=booklet)
    return booklet


def test_pdf_has_cover_contents_sections_in_order_bookmarks_references_and_helpline(booklet):
    reader = read(pdf.render_booklet_pdf(booklet, BookletPdf.VARIANT_STANDARD))
    texts = page_texts(reader)
    everything = "\n".join(texts)

    cover = texts[0]
    assert "Understanding bone health" in cover
    assert "Edition: 3rd edition, March 2026" in cover
    assert "Last reviewed: 3 March 2026" in cover
    assert "Next review due: 3 March 2029" in cover

    # Every section title, in the booklet's order, after the contents page.
    body = "\n".join(texts[2:])
    positions = [body.index(title) for title in SECTION_TITLES]
    assert positions == sorted(positions)

    # The contents list gives each section's real page number (target-counter).
    contents = texts[1]
    section_pages = []
    for title in SECTION_TITLES:
        page_of_section = next(i for i, text in enumerate(texts) if i > 1 and title in text) + 1
        assert re.search(re.escape(title) + r"[ .]*" + str(page_of_section) + r"\b", contents), contents
        section_pages.append(page_of_section)
    assert section_pages == sorted(section_pages), section_pages  # later sections, later pages

    # Headings are bookmarked: title, contents, each section, sub-headings and references.
    bookmarks = outline_titles(reader)
    assert [t for t in bookmarks if t in SECTION_TITLES] == SECTION_TITLES
    assert {"Pain", "Broken bones", "References"} <= set(bookmarks)

    assert "Bone health in cancer care" in everything
    helpline = SiteSettings.objects.first().helpline_number
    assert all(helpline in text for text in texts), "the helpline number is on every page"

    # Tagged for accessibility (PDF/UA-1): a structure tree, marked content and a document language.
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"


def test_large_print_uses_16_point_text_or_larger(booklet):
    standard = read(pdf.render_booklet_pdf(booklet, BookletPdf.VARIANT_STANDARD))
    large = read(pdf.render_booklet_pdf(booklet, BookletPdf.VARIANT_LARGE_PRINT))
    body_text = "Pain is the most common symptom."
    assert font_size_of(large, body_text) >= 16
    assert font_size_of(standard, body_text) < font_size_of(large, body_text)
    assert "Large print" in page_texts(large)[0]


def test_publishing_makes_the_pdfs_in_the_background_and_downloads_use_them(
    site_tree, client, django_capture_on_commit_callbacks, settings
):
    settings.PUBLICATIONS_PDF_ON_PUBLISH = True  # off by default in tests: PDFs are slow to make
    settings.PUBLICATIONS_PDF_VARIANTS_ON_PUBLISH = [BookletPdf.VARIANT_STANDARD]
    booklet = make_pdf_booklet(site_tree)
    assert not BookletPdf.objects.exists(), "nothing is made until the publish is committed"

    with django_capture_on_commit_callbacks(execute=True):
        publish(booklet)
    made = BookletPdf.objects.get(booklet=booklet, variant="standard")
    assert made.content_key == pdf.content_key(booklet)
    assert made.page_count >= 5 and made.size > 1000
    assert default_storage.exists(made.file.name)

    url = catalogue(site_tree).route_url("booklet_pdf", booklet_id=booklet.pk, variant="standard")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="understanding-bone-health.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert BookletPdf.objects.filter(booklet=booklet).count() == 1, "served from the cache, not made again"

    # Publishing a section changes the content key: the next download makes the new PDF, never the stale one.
    section = booklet.get_children().last().specific
    section.title = "Treating high calcium"
    publish(section)
    response = client.get(url)
    assert "Treating high calcium" in "\n".join(page_texts(read(b"".join(response.streaming_content))))
    current = BookletPdf.objects.get(booklet=booklet, variant="standard")
    assert current.pk != made.pk and current.content_key == pdf.content_key(booklet)
    assert not default_storage.exists(made.file.name), "the old file is removed"


DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_download_before_the_pdf_is_made_says_it_is_being_prepared_and_queues_it_once(site_tree, client, settings):
    from django_tasks_db.models import DBTaskResult

    from cancerinfo.jobs.worker import run_waiting_jobs

    settings.TASKS = DATABASE_QUEUE  # a real queue: the reader never waits for the PDF to be made
    booklet = make_pdf_booklet(site_tree)
    url = catalogue(site_tree).route_url("booklet_pdf", booklet_id=booklet.pk, variant="large-print")
    for _ in range(3):  # readers keep trying: the job is queued once
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert response["Cache-Control"] == "no-store"
        assert "large-print PDF of Understanding bone health is being prepared" in response.content.decode()
        assert booklet.url in response.content.decode(), "the web version is offered meanwhile"
    assert DBTaskResult.objects.filter(task_path__endswith="generate_booklet_pdfs").count() == 1
    assert not BookletPdf.objects.exists()

    run_waiting_jobs()  # Wagtail's own jobs for the new pages too
    response = client.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="understanding-bone-health-large-print.pdf"'
    assert read(b"".join(response.streaming_content)).pages
    assert BookletPdf.objects.filter(booklet=booklet, variant="large-print").count() == 1


def test_after_an_update_readers_get_the_previous_edition_until_the_new_pdf_is_made(site_tree, client, settings):
    from cancerinfo.jobs.worker import run_waiting_jobs

    settings.TASKS = DATABASE_QUEUE
    booklet = make_pdf_booklet(site_tree)
    old = pdf.get_or_create_pdf(booklet, "standard")
    section = booklet.get_children().last().specific
    section.title = "Treating high calcium"
    publish(section)
    url = catalogue(site_tree).route_url("booklet_pdf", booklet_id=booklet.pk, variant="standard")

    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store", "no cache may keep the previous edition"
    text = "\n".join(page_texts(read(b"".join(response.streaming_content))))
    assert "Treating high calcium" not in text

    run_waiting_jobs()
    response = client.get(url)
    assert "Treating high calcium" in "\n".join(page_texts(read(b"".join(response.streaming_content))))
    assert not BookletPdf.objects.filter(pk=old.pk).exists()


def test_no_pdf_for_a_booklet_that_is_not_live(site_tree, client):
    booklet = make_pdf_booklet(site_tree)
    booklet.unpublish()
    url = catalogue(site_tree).url + f"booklet/{booklet.pk}/pdf/standard/"
    assert client.get(url).status_code == 404
    assert client.get(catalogue(site_tree).url + "booklet/999999/pdf/standard/").status_code == 404
