"""Personal data: encrypted at rest, never in logs, cache, URLs or error reports; pages are not stored."""

import logging
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.cache.backends import locmem
from django.db import connection
from django.urls import reverse
from django.views.debug import SafeExceptionReporterFilter

from cancerinfo.deployment import crypto
from cancerinfo.enquiries.models import ContactMessage, Enquiry

from .conftest import CANARY

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def test_raw_database_value_of_the_question_is_not_the_plaintext(enquiry):
    question, email, first_name, email_hash = raw(
        "SELECT question, email, first_name, email_hash FROM enquiries_enquiry WHERE id = %s", [enquiry.pk]
    )
    assert CANARY not in question and "lump" not in question
    assert question.startswith(crypto.TOKEN_PREFIX)
    assert "sam@example.org" not in email and "Sam" not in first_name
    assert email_hash == crypto.lookup_hash("SAM@example.org ") and "sam" not in email_hash
    assert Enquiry.objects.get(pk=enquiry.pk).question == CANARY


def test_replies_and_contact_messages_are_encrypted_too(enquiry, nurse):
    from cancerinfo.enquiries.services import send_reply

    send_reply(enquiry, nurse, "Reply canary 99b1")
    ContactMessage.objects.create(category="other", name="Kim", email="kim@example.org", message="Message canary 12c")
    (body,) = raw("SELECT body FROM enquiries_enquiryreply")
    assert "Reply canary" not in body
    message, name, email = raw("SELECT message, name, email FROM enquiries_contactmessage")
    assert "Message canary" not in message and "Kim" not in name and "kim@" not in email


def test_key_rotation_old_rows_still_read(enquiry, settings):
    old_key = crypto._keys()[0].decode()
    new_key = Fernet.generate_key().decode()
    settings.ENQUIRY_ENCRYPTION_KEY = f"{new_key},{old_key}"
    crypto.reset_keys()
    try:
        assert Enquiry.objects.get(pk=enquiry.pk).question == CANARY
        from django.core.management import call_command

        call_command("reencrypt_enquiries", stdout=open(os.devnull, "w"))  # noqa: SIM115
        (token,) = raw("SELECT question FROM enquiries_enquiry")
        assert Fernet(new_key.encode()).decrypt(token.encode()).decode() == CANARY
    finally:
        settings.ENQUIRY_ENCRYPTION_KEY = ""
        crypto.reset_keys()


def test_production_settings_refuse_to_start_without_a_key():
    env = {k: v for k, v in os.environ.items() if k != "ENQUIRY_ENCRYPTION_KEY"}
    env.update(
        DJANGO_SETTINGS_MODULE="cancerinfo.settings.production",
        SECRET_KEY=Fernet.generate_key().decode() * 2,
        DEBUG="false",
        ALLOWED_HOSTS="example.org",
    )
    check = [sys.executable, "manage.py", "check", "--deploy"]
    result = subprocess.run(check, env=env, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode != 0
    assert "(deployment.E009) ENQUIRY_ENCRYPTION_KEY is not set" in result.stderr
    env["ENQUIRY_ENCRYPTION_KEY"] = Fernet.generate_key().decode()
    ok = subprocess.run(check, env=env, capture_output=True, text=True, cwd=ROOT)
    assert "ENQUIRY_ENCRYPTION_KEY" not in ok.stderr, ok.stderr


def cache_contents() -> bytes:
    """Every key and (pickled) value in every local-memory cache of this process."""
    blob = b""
    for store in locmem._caches.values():
        for key, value in store.items():
            blob += key.encode() + b"\0" + (value if isinstance(value, bytes) else pickle.dumps(value)) + b"\0"
    return blob


def test_canary_question_never_reaches_logs_or_the_cache(client, ask_url, question_data, nurse, caplog, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "canary"}}
    with caplog.at_level(logging.DEBUG):
        # Ask, get it wrong once, ask properly, then a nurse opens and answers it.
        bad = dict(question_data, consent="")
        client.post(ask_url, bad)
        response = client.post(ask_url, question_data)
        assert response.status_code == 302
        assert CANARY not in response["Location"]
        enquiry = Enquiry.objects.get()
        client.force_login(nurse)
        detail_url = reverse("enquiries_admin:detail", args=[enquiry.pk])
        assert CANARY not in detail_url
        client.get(detail_url)
        client.post(detail_url, {"body": "Reply text", "mark_answered": "on"})
    logged = caplog.text + "".join(str(record.args) for record in caplog.records)
    assert enquiry.reference in caplog.text  # the log does say what happened...
    assert CANARY not in logged  # ...but never what was asked
    assert "sam@example.org" not in logged
    contents = cache_contents()
    assert contents, "the cache was used (rate limits, helpline schedule)"
    assert CANARY.encode() not in contents
    assert b"sam@example.org" not in contents


def test_error_reports_hide_what_people_typed(rf, contact_page, question_data):
    from cancerinfo.enquiries import views

    request = rf.post(contact_page.ask_a_nurse_url, question_data)
    request.session = {}
    request.user = None

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    views.services.receive_question, original = explode, views.services.receive_question
    try:
        with pytest.raises(RuntimeError):
            views.ask_a_nurse(request, contact_page)
    finally:
        views.services.receive_question = original
    cleaned = SafeExceptionReporterFilter().get_post_parameters(request)
    assert cleaned["question"] != CANARY
    assert cleaned["email"] != "sam@example.org"
