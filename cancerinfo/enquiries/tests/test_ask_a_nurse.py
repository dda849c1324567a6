"""Ask a nurse: validation, explicit consent, the acknowledgement page and e-mails."""

import pytest
from django.core import mail

from cancerinfo.enquiries.forms import CONSENT_WORDING_VERSION
from cancerinfo.enquiries.models import AuditEntry, Enquiry

from .conftest import CANARY

pytestmark = pytest.mark.django_db


def test_form_page_is_never_cached_and_consent_starts_unticked(client, ask_url):
    response = client.get(ask_url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'name="consent" value="yes">' in html  # not checked
    assert 'name="consent" value="yes" checked' not in html
    assert "health information in my question" in html
    assert 'name="website"' in html and 'name="started"' in html
    assert '<li><a href="/contact-us/">Contact us</a></li>' in html  # breadcrumbs lead back


def test_empty_form_shows_an_error_summary_linking_to_each_field(client, ask_url):
    response = client.post(ask_url, {"started": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "<title>Error: Ask a nurse" in html
    for anchor, message in [
        ("#id_question", "Enter your question"),
        ("#id_about_0", "Select who the question is about"),
        ("#id_email", "Enter your email address"),
        ("#id_consent", "Tick the box to agree to us using your health information"),
    ]:
        assert f'<a href="{anchor}">{message}' in html
    assert Enquiry.objects.count() == 0
    assert mail.outbox == []


def test_consent_is_required_and_kept_separate(client, ask_url, question_data):
    del question_data["consent"]
    response = client.post(ask_url, question_data)
    assert "Tick the box to agree to us using your health information" in response.content.decode()
    assert Enquiry.objects.count() == 0
    # What the person typed is kept, so they only need to tick the box.
    assert CANARY in response.content.decode()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("email", "not-an-email", "Enter an email address in the correct format"),
        ("email", "a@b.com\r\nBcc: x@y.com", "Enter an email address in the correct format"),
        ("about", "everyone", "Select me or someone else"),
        ("cancer_type", "no-such-cancer", "Select a type of cancer from the list"),
        ("question", "   ", "Enter your question"),
        ("question", "x" * 5001, "Your question must be 5,000 characters or fewer"),
        ("first_name", "n" * 61, "Your first name must be 60 characters or fewer"),
    ],
)
def test_bad_input_gets_a_clear_message_never_a_500(client, ask_url, question_data, field, value, message):
    question_data[field] = value
    response = client.post(ask_url, question_data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Enquiry.objects.count() == 0


def test_full_journey_stores_the_question_and_acknowledges_it(client, ask_url, question_data, bowel):
    response = client.post(ask_url, question_data)
    assert response.status_code == 302
    assert CANARY not in response["Location"]
    assert "no-store" in response["Cache-Control"]

    enquiry = Enquiry.objects.get()
    assert enquiry.question == CANARY
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.cancer_type == bowel
    assert enquiry.consent_wording_version == CONSENT_WORDING_VERSION
    assert enquiry.consent_given_at is not None
    assert AuditEntry.objects.filter(action="create", reference=enquiry.reference).exists()

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert enquiry.reference in html
    assert "working days" in html

    to_person, to_nurses = mail.outbox
    assert to_person.to == ["sam@example.org"]
    assert enquiry.reference in to_person.subject
    assert "We aim to reply within 3 working days" in to_person.body
    assert to_nurses.to == ["nurses@cancerinfo.example"]
    assert f"/admin/enquiries/{enquiry.pk}/" in to_nurses.body
    for message in mail.outbox:
        assert CANARY not in message.body and CANARY not in message.subject


def test_acknowledgement_page_without_a_question_goes_back_to_the_form(client, contact_page, ask_url):
    response = client.get(contact_page.url + "ask-a-nurse/sent/")
    assert response.status_code == 302
    assert response["Location"] == ask_url


def test_someone_else_and_no_cancer_type_are_fine(client, ask_url, question_data):
    question_data.update(about="someone_else", cancer_type="", first_name="")
    assert client.post(ask_url, question_data).status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.about == "someone_else" and enquiry.cancer_type is None and enquiry.first_name == ""


def test_contact_page_has_the_helpline_and_both_forms(client, contact_page):
    response = client.get(contact_page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="helpline-block__status' in html
    assert "Monday</th><td>9am to 5pm" in html
    assert "Saturday</th><td>Closed" in html
    assert f'href="{contact_page.ask_a_nurse_url}"' in html
    assert f'href="{contact_page.write_to_us_url}"' in html
    assert "Relay UK" in html
