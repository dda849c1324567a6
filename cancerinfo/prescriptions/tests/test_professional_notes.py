"""Prescriptions cannot be used for phishing: anyone may make a list of pages, but a note needs a health professional
signed in with an e-mail address proved to be on an allowed domain; it is shown with their name, and links or phone
numbers in it are never made clickable (the PDF does not carry the note at all). The PDF is made once and reused."""

import io
import re
from urllib.parse import unquote

import pytest
from django.core import mail
from pypdf import PdfReader

from cancerinfo.prescriptions import professionals
from cancerinfo.prescriptions.models import HealthProfessional, Prescription

BUILDER = "/health-professionals/prescription/"
SIGN_IN = "/health-professionals/sign-in/"
PHISHING = "Your results are ready. Call 0800 123 4567 or log in at https://nhs-results.evil.example/login now."

pytestmark = pytest.mark.django_db


def add(client, content):
    client.post(BUILDER, {"action": "add", "add": [f"section:{content['section'].pk}"], "q": "bone"})


def test_without_signing_in_a_list_can_be_made_but_a_note_is_refused(client, content):
    add(client, content)
    page = client.get(BUILDER).content.decode()
    assert 'name="note"' not in page
    assert f'href="{SIGN_IN}"' in page
    response = client.post(BUILDER, {"action": "create", "note": PHISHING})
    assert response.status_code == 400
    assert "Sign in with your work e-mail address to add a note" in response.content.decode()
    assert not Prescription.objects.exists()
    assert client.post(BUILDER, {"action": "create", "note": ""}).status_code == 302
    assert Prescription.objects.get().note == ""


def test_a_note_is_dropped_when_the_model_is_asked_without_an_author(content):
    prescription, _ = Prescription.create([["section", content["section"].pk]], note=PHISHING)
    assert prescription.note == "" and prescription.author is None


def sign_in_link(client, email="jo.lee@nhs.net", name="Sister Jo Lee", job_title="Breast care nurse"):
    response = client.post(SIGN_IN, {"name": name, "job_title": job_title, "email": email})
    assert response.status_code == 200, response.content.decode()
    assert "Check your e-mail" in response.content.decode()
    message = mail.outbox[-1]
    assert message.to == [email]
    return unquote(re.search(r"http://testserver(\S+)", message.body).group(1))


def test_a_professional_signs_in_through_a_link_sent_to_their_work_address(client, content):
    link = sign_in_link(client)
    # Following the link (or a mail scanner fetching it) only shows a button.
    page = client.get(link)
    assert page.status_code == 200 and "Sign in as Sister Jo Lee" in page.content.decode()
    assert "_auth_user_id" not in client.session
    token = link.split("token=", 1)[1]
    response = client.post("/health-professionals/sign-in/confirm/", {"token": token})
    assert response.status_code == 302 and response["Location"] == BUILDER
    professional = HealthProfessional.objects.get()
    assert (professional.name, professional.job_title, professional.user.email) == (
        "Sister Jo Lee",
        "Breast care nurse",
        "jo.lee@nhs.net",
    )
    assert professional.email_verified_at is not None
    assert not professional.user.has_usable_password() and not professional.user.is_staff

    add(client, content)
    assert 'name="note"' in client.get(BUILDER).content.decode()
    assert client.post(BUILDER, {"action": "create", "note": "Read the first page tonight."}).status_code == 302
    prescription = Prescription.objects.get()
    assert prescription.note == "Read the first page tonight."
    assert (prescription.author_name, prescription.author_job_title) == ("Sister Jo Lee", "Breast care nurse")


def test_only_addresses_on_the_allowed_domains_get_a_link(client, settings):
    settings.PRESCRIPTIONS_PROFESSIONAL_DOMAINS = ["nhs.net"]
    for email in ("jo@gmail.com", "jo@nhs.net.evil.example", "jo@evilnhs.net"):
        response = client.post(SIGN_IN, {"name": "Jo", "job_title": "Nurse", "email": email})
        assert response.status_code == 400, email
        assert "Use your work e-mail address on nhs.net" in response.content.decode(), email
    response = client.post(SIGN_IN, {"name": "Jo", "job_title": "Nurse", "email": "not an address"})
    assert response.status_code == 400
    assert "Enter your work e-mail address, like name@nhs.net" in response.content.decode()
    assert mail.outbox == []
    assert professionals.domain_allowed("jo@trust.nhs.net")


def test_a_forged_or_expired_link_signs_nobody_in(client, settings):
    link = sign_in_link(client)
    token = link.split("token=", 1)[1]
    forged = professionals.make_link_token("attacker@gmail.com", "Dr Evil", "Doctor")
    for bad in (token[:-3] + "abc", forged):
        response = client.post("/health-professionals/sign-in/confirm/", {"token": bad})
        assert response.status_code == 400
        assert "This sign-in link does not work" in response.content.decode()
    settings.PRESCRIPTIONS_SIGN_IN_LINK_SECONDS = -1
    assert client.post("/health-professionals/sign-in/confirm/", {"token": token}).status_code == 400
    assert not HealthProfessional.objects.exists()


def test_sign_in_links_are_limited_per_client_address(client, settings):
    settings.PRESCRIPTIONS_SIGN_IN_PER_HOUR = 2
    for _ in range(2):
        sign_in_link(client)
    response = client.post(SIGN_IN, {"name": "Jo", "job_title": "Nurse", "email": "jo.lee@nhs.net"})
    assert response.status_code == 400 and len(mail.outbox) == 2


def test_a_professional_whose_domain_is_no_longer_allowed_cannot_add_notes(professional_client, content, settings):
    settings.PRESCRIPTIONS_PROFESSIONAL_DOMAINS = ["nhs.uk"]
    add(professional_client, content)
    assert professional_client.post(BUILDER, {"action": "create", "note": "Hello"}).status_code == 400


def test_the_note_is_shown_as_written_by_the_named_professional_and_never_as_links(
    professional_client, content, client
):
    add(professional_client, content)
    professional_client.post(BUILDER, {"action": "create", "note": PHISHING + '\n<a href="https://x.example">x</a>'})
    prescription = Prescription.objects.get()
    professional_client.logout()

    html = client.get(prescription.get_absolute_url()).content.decode()
    assert "A note from Dr Sam Patel, Consultant oncologist" in html
    assert "0800 123 4567" in html and "https://nhs-results.evil.example/login" in html
    assert 'href="https://nhs-results.evil.example' not in html and "tel:08001234567" not in html
    assert 'href="https://x.example"' not in html and "&lt;a href=" in html
    assert 'name="format-detection" content="telephone=no' in html  # phones must not make links of it either
    assert "We will never ask you in a note to pay" in html


def test_the_pdf_carries_no_note_and_no_link_to_what_the_note_says(professional_client, content):
    add(professional_client, content)
    professional_client.post(BUILDER, {"action": "create", "note": PHISHING})
    prescription = Prescription.objects.get()
    response = professional_client.get(prescription.get_absolute_url() + "pdf/")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "evil.example" not in text and "0800 123 4567" not in text
    uris = [
        annotation.get_object().get("/A", {}).get("/URI", "")
        for page in reader.pages
        for annotation in page.get("/Annots") or []
    ]
    assert not [uri for uri in uris if "evil" in uri or uri.startswith("tel:")]


def test_the_pdf_is_made_once_and_reused(client, content, monkeypatch):
    from cancerinfo.publications import interface as pdf_module  # what prescriptions call

    prescription, _ = Prescription.create([["section", content["section"].pk]])
    made = []
    real = pdf_module.html_to_pdf
    monkeypatch.setattr(pdf_module, "html_to_pdf", lambda *a, **k: made.append(1) or real(*a, **k))
    url = prescription.get_absolute_url() + "pdf/"
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert first.content == second.content and len(made) == 1
    # Renaming a page the list shows makes it again, once.
    section = content["section"]
    section.title = "Treating bone pain"
    section.save_revision().publish()
    third = client.get(url)
    assert len(made) == 2 and b"%PDF" in third.content
    client.get(url)
    assert len(made) == 2


def test_revoking_deletes_the_stored_pdf(client, content):
    prescription, token = Prescription.create([["section", content["section"].pk]])
    client.get(prescription.get_absolute_url() + "pdf/")
    prescription.refresh_from_db()
    stored = prescription.pdf.name
    assert stored and prescription.pdf.storage.exists(stored)
    client.post(f"{prescription.get_absolute_url()}revoke/{token}/")
    prescription.refresh_from_db()
    assert not prescription.pdf and not prescription.pdf.storage.exists(stored)
    assert client.get(prescription.get_absolute_url() + "pdf/").status_code == 410
