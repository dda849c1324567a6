"""Spam and abuse: a honeypot and a minimum fill time (silently discarded, logged without content), and per-IP
rate limits with a friendly message. No CAPTCHA."""

import logging

import pytest
from django.core import mail

from cancerinfo.conftest import cache_keys
from cancerinfo.enquiries.models import ContactMessage, Enquiry

from .conftest import CANARY, old_stamp

pytestmark = pytest.mark.django_db


def test_honeypot_is_discarded_silently_and_logged_without_content(client, ask_url, question_data, caplog):
    question_data["website"] = "http://spam.example"
    with caplog.at_level(logging.DEBUG):
        response = client.post(ask_url, question_data, follow=True)
    assert response.status_code == 200
    assert "Question sent" in response.content.decode()  # the robot learns nothing
    assert Enquiry.objects.count() == 0
    assert mail.outbox == []
    assert "honeypot" in caplog.text
    assert CANARY not in caplog.text and "sam@example.org" not in caplog.text


def test_forms_sent_faster_than_a_person_could_are_discarded(client, ask_url, question_data, caplog):
    question_data["started"] = old_stamp(seconds_ago=0.5)
    with caplog.at_level(logging.WARNING):
        response = client.post(ask_url, question_data)
    assert response.status_code == 302
    assert Enquiry.objects.count() == 0
    assert "sent too fast" in caplog.text
    assert CANARY not in caplog.text


def test_tampered_time_stamp_asks_the_person_to_send_again(client, ask_url, question_data):
    question_data["started"] = "forged"
    response = client.post(ask_url, question_data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please send your message again" in html
    assert CANARY in html  # nothing they wrote is lost
    assert Enquiry.objects.count() == 0


def test_contact_form_honeypot(client, write_url, contact_data):
    contact_data["website"] = "buy now"
    assert client.post(write_url, contact_data).status_code == 302
    assert ContactMessage.objects.count() == 0 and mail.outbox == []


def test_five_questions_an_hour_then_a_friendly_message(client, ask_url, question_data):
    for _ in range(5):
        assert client.post(ask_url, question_data).status_code == 302
    response = client.post(ask_url, question_data)
    html = response.content.decode()
    assert response.status_code == 429
    assert "Please wait a little before sending again" in html
    assert CANARY in html  # their text is still in the form
    assert Enquiry.objects.count() == 5
    # Someone on another connection is not affected.
    assert client.post(ask_url, question_data, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_rate_limit_keys_hold_a_hash_not_the_ip_address(client, ask_url, question_data):
    client.post(ask_url, question_data, REMOTE_ADDR="203.0.113.42")
    keys = [key for key in cache_keys() if "throttle:ask" in key]
    assert keys
    assert not any("203.0.113.42" in key for key in keys)


def test_honeypot_hits_do_not_use_up_the_allowance_of_a_person_on_the_same_address(client, ask_url, question_data):
    robot = {**question_data, "website": "http://spam.example"}
    for _ in range(20):
        assert client.post(ask_url, robot).status_code == 302
    assert client.post(ask_url, question_data).status_code == 302
    assert Enquiry.objects.count() == 1


def test_contact_form_is_rate_limited_too(client, write_url, contact_data):
    for _ in range(5):
        assert client.post(write_url, contact_data).status_code == 302
    assert client.post(write_url, contact_data).status_code == 429
