"""The short link page and its PDF: the chosen items, a QR code of the short link, noindex, expiry and revoke."""

import datetime
import io

import pytest
import qrcode
from django.test import override_settings
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from cancerinfo.prescriptions.models import Prescription

pytestmark = pytest.mark.django_db


@pytest.fixture
def prescription(content, professional):
    items = [[kind, content[kind].pk] for kind in ("section", "question", "organisation", "trial")]
    prescription, token = Prescription.create(items, note="Start with the first one.", author=professional)
    prescription.token = token
    return prescription


def test_the_page_lists_the_items_with_the_note_and_is_not_indexed_or_cached(client, prescription):
    response = client.get(prescription.get_absolute_url())
    assert response.status_code == 200
    text = response.content.decode()
    for title in (
        "Understanding bone metastases: Treating pain",
        "Can radiotherapy help bone pain?",
        "Bone Pain Helpers",
        "A bone pain trial",
    ):
        assert title in text
    assert "Start with the first one." in text
    assert '<meta name="robots" content="noindex">' in text
    assert "noindex" in response["X-Robots-Tag"]
    assert response["Cache-Control"] == "no-store"
    assert text.count("<h1") == 1


def test_codes_are_looked_up_without_regard_to_case_or_dashes(client, prescription):
    for form in (prescription.display_code.lower(), prescription.code, prescription.code.lower()):
        assert client.get(f"/p/{form}/").status_code == 200, form


@pytest.mark.parametrize("code", ["ABCD-EFGH-JKLM", "short", "0000-0000-0000", "x" * 300, "ABCD-EFGH-JKL%21"])
def test_unknown_codes_get_a_plain_404_page(client, prescription, code):
    response = client.get(f"/p/{code}/")
    assert response.status_code == 404
    assert "noindex" in response["X-Robots-Tag"]


def pdf_for(client, prescription):
    response = client.get(prescription.get_absolute_url() + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "noindex" in response["X-Robots-Tag"]
    return PdfReader(io.BytesIO(response.content))


def qr_matrix_from_image(image: Image.Image, size: int) -> list[list[bool]]:
    """Read the modules back from the embedded image: one sample from the middle of each module."""
    image = image.convert("L")
    step = image.width / size
    return [
        [image.getpixel((int((x + 0.5) * step), int((y + 0.5) * step))) < 128 for x in range(size)] for y in range(size)
    ]


def test_the_pdf_lists_the_items_with_web_addresses_and_a_qr_code_of_the_short_link(client, prescription, content):
    reader = pdf_for(client, prescription)
    assert 1 <= len(reader.pages) <= 2
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    short_url = f"http://testserver/p/{prescription.display_code}/"
    assert short_url in flat
    for title in ("Treating pain", "Can radiotherapy help bone pain?", "Bone Pain Helpers", "A bone pain trial"):
        assert title in flat
    assert "https://example.org/" in flat  # the organisation's web address, as text
    # Each item's full web address, so a reader of the paper copy can type it (a line break may split it).
    assert f"http://testserver{content['section'].url}" in flat.replace(" ", "")
    assert "Start with the first one." not in flat  # the note is shown only on the web page

    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 1
    expected = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    expected.add_data(short_url)
    expected.make(fit=True)
    matrix = expected.get_matrix()  # includes the 4-module quiet zone
    embedded = qr_matrix_from_image(images[0].image, len(matrix))
    assert embedded == matrix

    # And it is not just any QR code: another address gives a different matrix.
    other = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    other.add_data("http://testserver/p/ZZZZ-ZZZZ-ZZZZ/")
    other.make(fit=True)
    assert other.get_matrix() != embedded


def test_expired_links_stop_working(client, prescription):
    prescription.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    prescription.save()
    response = client.get(prescription.get_absolute_url())
    assert response.status_code == 410
    assert "has expired" in response.content.decode()
    assert "Start with the first one." not in response.content.decode()
    assert client.get(prescription.get_absolute_url() + "pdf/").status_code == 410


@override_settings(PRESCRIPTION_LIFETIME_DAYS=30)
def test_the_lifetime_is_configurable(content):
    prescription, _ = Prescription.create([["section", content["section"].pk]])
    assert prescription.expires_at - prescription.created_at == datetime.timedelta(days=30)


def test_the_default_lifetime_is_a_year(content):
    prescription, _ = Prescription.create([["section", content["section"].pk]])
    assert prescription.expires_at - prescription.created_at == datetime.timedelta(days=365)


def test_the_creator_can_revoke_with_the_secret_link(client, prescription):
    revoke_url = f"{prescription.get_absolute_url()}revoke/{prescription.token}/"
    confirm = client.get(revoke_url)
    assert confirm.status_code == 200 and "Withdraw this information prescription?" in confirm.content.decode()
    assert client.get(prescription.get_absolute_url()).status_code == 200  # a GET alone changes nothing
    assert client.post(revoke_url).status_code == 200
    response = client.get(prescription.get_absolute_url())
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()
    assert client.get(prescription.get_absolute_url() + "pdf/").status_code == 410


def test_a_wrong_revoke_token_does_nothing(client, prescription):
    assert client.post(f"{prescription.get_absolute_url()}revoke/not-the-token/").status_code == 404
    assert client.post(f"{prescription.get_absolute_url()}revoke/{prescription.token[:-1]}x/").status_code == 404
    prescription.refresh_from_db()
    assert prescription.revoked_at is None


def test_only_a_hash_of_the_revoke_token_is_stored(prescription):
    prescription.refresh_from_db()
    stored = [str(getattr(prescription, f.attname)) for f in Prescription._meta.concrete_fields]
    assert not any(prescription.token in value for value in stored)
    assert prescription.check_revoke_token(prescription.token)


def test_the_pdf_of_a_full_prescription_fits_on_two_pages(client, content, site_tree):
    from cancerinfo.booklets.tests.factories import add_section, make_booklet
    from cancerinfo.prescriptions.services import MAX_ITEMS

    booklet = make_booklet(site_tree["cancer-types"], title="Understanding a long booklet", sections=0)
    long_summary = " ".join(["A fairly long summary sentence about this section of the booklet."] * 6)
    items = []
    for number in range(MAX_ITEMS):
        section = add_section(booklet, f"A section with quite a long title number {number}")
        section.search_description = long_summary
        section.save_revision().publish()
        items.append(["section", section.pk])
    prescription, _ = Prescription.create(items)
    reader = pdf_for(client, prescription)
    assert len(reader.pages) <= 2
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert f"number {MAX_ITEMS - 1}" in text
