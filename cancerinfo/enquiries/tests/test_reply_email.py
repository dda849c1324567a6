"""The nurses' reply greets the person once: "Hello Sam," when the nurse starts with the answer, nothing more when
the nurse has greeted them already ("Dear Sam,"). It ends with the helpline number to call."""

import re

import pytest
from django.core import mail

from cancerinfo.core.models import SiteSettings
from cancerinfo.enquiries import services

pytestmark = pytest.mark.django_db

GREETING = re.compile(r"(hello|hi|hey|dear|good (morning|afternoon|evening))\b", re.IGNORECASE)


def greetings_in(body: str) -> list[str]:
    return [line.strip() for line in body.splitlines() if GREETING.match(line.strip())]


@pytest.mark.parametrize("opening", ["Dear Sam,", "Hello Sam,", "Hi Sam", "good morning Sam,", "  Dear Sam"])
def test_a_reply_the_nurse_begins_with_a_greeting_greets_once(enquiry, opening):
    services.send_reply(enquiry, None, f"{opening}\n\nMost lumps are not cancer. See your GP if it keeps growing.")
    (sent,) = mail.outbox
    assert greetings_in(sent.body) == [opening.strip()]


def test_a_reply_that_begins_with_the_answer_gets_our_greeting(enquiry):
    services.send_reply(enquiry, None, "Sam, most lumps are not cancer.\n\nSee your GP if it keeps growing.")
    (sent,) = mail.outbox
    assert sent.body.startswith("Hello Sam,\n\nSam, most lumps are not cancer.")
    assert greetings_in(sent.body) == ["Hello Sam,"]


def test_a_word_that_only_starts_like_a_greeting_is_no_greeting(enquiry):
    services.send_reply(enquiry, None, "Highly unlikely, but please see your GP.")
    assert mail.outbox[0].body.startswith("Hello Sam,\n\nHighly unlikely")


def test_the_reply_ends_with_the_helpline_number_from_the_settings(enquiry, site_tree):
    site_settings = SiteSettings.objects.get()
    site_settings.helpline_number = "0800 024 4242"
    site_settings.save()
    services.send_reply(enquiry, None, "Most lumps are not cancer.")
    assert "call our nurses free on 0800 024 4242" in mail.outbox[0].body
