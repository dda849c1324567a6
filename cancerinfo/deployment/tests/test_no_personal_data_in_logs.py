"""Real e-mail goes out through SMTP; what it says, who it is for and reset links never reach the log."""

import copy
import io
import logging
import logging.config
import os
import re

import pytest
from django.conf import settings as django_settings
from django.core.mail import EmailMessage
from django.urls import reverse

from cancerinfo.deployment.redaction import EMAIL_ADDRESS, MAIL_MESSAGE, redact

from .smtp_sink import SMTPSink

QUESTION = "Canary 51c2: the lump under my arm has grown and my partner does not know yet"
CONTACT = "Canary 9e04: my mother Edith Parr died on Tuesday, please stop the newsletters"
REPLY = "Canary 77ab: a lump that grows should be seen by your GP within two weeks"
PERSON = "sam.canary+51c2@example.org"
WRITER = "edith.family@example.net"
STAFF = "nurse.canary@cancerinfo.example"


def smtp_port() -> int:
    """One port per test worker, in this suite's range (8300-8399)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    return 8320 + int("".join(ch for ch in worker if ch.isdigit()) or 0)


@pytest.fixture
def smtp(settings):
    """E-mail queued and delivered with Django's real SMTP backend, as in production, to a sink on this machine."""
    settings.EMAIL_BACKEND = "cancerinfo.jobs.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    with SMTPSink(smtp_port()) as sink:
        yield sink


@pytest.fixture
def production_logging_at_debug():
    """The production LOGGING configuration with LOG_LEVEL=DEBUG; what its handler writes is returned."""
    written = io.StringIO()
    config = copy.deepcopy(django_settings.LOGGING)
    config["handlers"]["console"]["stream"] = written
    config["root"]["level"] = config["handlers"]["console"]["level"] = "DEBUG"
    for logger in config["loggers"].values():
        logger["level"] = "DEBUG"
    logging.config.dictConfig(config)
    yield written
    logging.config.dictConfig(django_settings.LOGGING)


def everything_logged(written, caplog) -> str:
    records = "\n".join(f"{r.getMessage()} {r.args!r} {r.exc_text or ''} {r.stack_info or ''}" for r in caplog.records)
    return "\n".join([written.getvalue(), caplog.text, records])


@pytest.mark.django_db
def test_enquiry_contact_message_nurse_reply_and_password_reset_leave_nothing_personal_in_the_log(
    client, site_tree, smtp, production_logging_at_debug, caplog, django_user_model
):
    from cancerinfo.enquiries.models import Enquiry
    from cancerinfo.enquiries.tests.conftest import make_user, old_stamp
    from cancerinfo.taxonomy.models import CancerType

    bowel = CancerType.objects.get_or_create(name="Bowel cancer")[0]
    contact = site_tree["contact-us"]
    nurse = make_user(django_user_model, "nurse.canary", ["Nurses"], email=STAFF)
    caplog.set_level(logging.DEBUG)

    question = {"question": QUESTION, "about": "me", "cancer_type": bowel.slug, "first_name": "Sam"}
    question |= {"email": PERSON, "consent": "yes", "website": "", "started": old_stamp()}
    assert client.post(contact.ask_a_nurse_url, question).status_code == 302
    message = {"category": "website", "message": CONTACT, "name": "Edith's son", "email": WRITER}
    message |= {"website": "", "started": old_stamp()}
    assert client.post(contact.write_to_us_url, message).status_code == 302

    enquiry = Enquiry.objects.get()
    assert enquiry.question == QUESTION  # stored (encrypted); the e-mails only give its reference
    client.force_login(nurse)
    detail = reverse("enquiries_admin:detail", args=[enquiry.pk])
    assert client.post(detail, {"body": REPLY, "mark_answered": "on"}).status_code == 302
    client.logout()

    assert client.post(reverse("wagtailadmin_password_reset"), {"email": STAFF}).status_code == 302
    (reset_mail,) = [text for text in smtp.texts() if "/password_reset/confirm/" in text]
    link = re.search(r"(/admin/password_reset/confirm/([^/\s]+)/([^/\s]+)/)", reset_mail)
    reset_path, uid, token = link.groups()
    set_password = client.get(reset_path)
    assert set_password.status_code == 302  # Django swaps the token for a session and a neutral URL
    new_password = "Canary-new-password-5e1f"
    done = client.post(set_password["Location"], {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302

    # Everything really went out, by SMTP: acknowledgements, the nurses' alert, the team's copy, reply, reset link.
    sent = "\n".join(smtp.texts())
    for text in (CONTACT, REPLY, PERSON, WRITER, STAFF, token):
        assert text in sent
    assert len(smtp.messages) >= 6

    logged = everything_logged(production_logging_at_debug, caplog)
    assert enquiry.reference in logged  # the log says what happened...
    for secret in (QUESTION, CONTACT, REPLY, PERSON, WRITER, STAFF, token, f"/{uid}/", reset_path, new_password):
        assert secret not in logged  # ...never what was said, to whom, or how to get in (uid: 2 letters, so as a path)
    assert "Canary" not in logged and "@example" not in logged


def test_addresses_and_reset_links_are_removed_from_any_logger_and_its_exceptions(caplog):
    caplog.set_level(logging.DEBUG)
    try:
        raise ValueError("550 <kim.lee@example.org>: Recipient address rejected")
    except ValueError:
        logging.getLogger("some.library").exception("Could not send to %s", "kim.lee@example.org")
    logging.getLogger("gunicorn.access").info(
        '%(h)s "%(m)s %(U)s" %(s)s', {"h": "127.0.0.1", "m": "GET", "U": "/admin/password_reset/confirm/MTI/d4r-1a"}
    )
    logging.getLogger("gunicorn.access").info("GET /unsubscribe/?email=kim.lee%40example.org&token=abc123 200")
    logging.getLogger("cancerinfo").debug("token 8fz2kq-0123456789abcdef0123456789abcdef issued")

    logged = caplog.text + "".join(f"{r.getMessage()}{r.args}{r.exc_text}" for r in caplog.records)
    assert "kim.lee" not in logged and "example.org" not in logged
    assert "MTI/d4r-1a" not in logged and "abc123" not in logged and "0123456789abcdef" not in logged
    assert "Recipient address rejected" in logged and EMAIL_ADDRESS in logged  # the rest of the story stays


def test_e_mail_messages_are_never_logged_whole(caplog):
    caplog.set_level(logging.DEBUG)
    message = EmailMessage("Your question", "The lump under my arm has grown", to=["kim@example.org"])
    logging.getLogger("cancerinfo").warning("Could not send %s", message)
    logging.getLogger("smtp").debug(message.message().as_string())
    assert "lump" not in caplog.text and "kim@" not in caplog.text
    assert caplog.text.count(MAIL_MESSAGE) == 2


def test_redaction_keeps_ordinary_log_lines_as_they_are():
    line = "Question Q-7KD2 received; PDF of booklet 12 (patient): 14 pages in 2.1s"
    assert redact(line) == line
