"""Contact us: messages go to the right team's inbox; names with CR/LF never reach e-mail headers."""

import pytest
from django.core import mail

from cancerinfo.enquiries.models import ContactMessage, Enquiry

pytestmark = pytest.mark.django_db

ROUTES = {
    "feedback": "info-team@example.org",
    "website": "web-team@example.org",
    "media": "press@example.org",
    "other": "hello@example.org",
}


@pytest.mark.parametrize("category", list(ROUTES))
def test_each_category_goes_to_its_own_inbox(client, write_url, contact_data, settings, category):
    settings.ENQUIRY_CONTACT_ROUTES = ROUTES
    contact_data["category"] = category
    response = client.post(write_url, contact_data)
    assert response.status_code == 302
    message = ContactMessage.objects.get()
    to_team, to_person = mail.outbox
    assert to_team.to == [ROUTES[category]]
    assert to_team.reply_to == ["alex@example.org"]
    assert message.reference in to_team.subject
    assert "The search page does not load" in to_team.body
    assert to_person.to == ["alex@example.org"]
    page = client.get(response["Location"])
    assert message.reference in page.content.decode()
    assert "no-store" in page["Cache-Control"]


def test_contact_form_validation(client, write_url):
    response = client.post(write_url, {"started": ""})
    html = response.content.decode()
    assert '<a href="#id_category_0">Select what your message is about' in html
    assert '<a href="#id_message">Enter your message' in html
    assert '<a href="#id_email">Enter your email address' in html
    assert ContactMessage.objects.count() == 0


def all_header_text(message) -> str:
    return "\n".join(f"{name}: {value}" for name, value in message.message().items())


def test_crlf_in_a_contact_name_never_reaches_email_headers(client, write_url, contact_data):
    contact_data["name"] = "Eve\r\nBcc: victim@example.net\r\nSubject: hacked"
    assert client.post(write_url, contact_data).status_code == 302
    assert ContactMessage.objects.get().name == "Eve Bcc: victim@example.net Subject: hacked"
    for message in mail.outbox:
        headers = all_header_text(message)
        assert "victim@example.net" not in headers
        assert "hacked" not in headers
        assert "Bcc" not in message.message()
        assert message.bcc == []
        assert all("\n" not in value and "\r" not in value for value in message.message().values())


def test_crlf_in_a_first_name_never_reaches_email_headers(client, ask_url, question_data):
    question_data["first_name"] = "Sam\nBcc: victim@example.net"
    assert client.post(ask_url, question_data).status_code == 302
    assert Enquiry.objects.get().first_name == "Sam Bcc: victim@example.net"
    for message in mail.outbox:
        assert "victim@example.net" not in all_header_text(message)
        assert message.bcc == []
