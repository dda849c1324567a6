"""Every e-mail goes through the queue: saved with whatever caused it, delivered by the worker, once."""

import pytest
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.db import connection

from cancerinfo.jobs import worker
from cancerinfo.jobs.mail import idempotent_message_id
from cancerinfo.jobs.models import OutgoingEmail

pytestmark = pytest.mark.django_db
QUEUED = "cancerinfo.jobs.mail.QueuedEmailBackend"


@pytest.fixture
def queued_mail(settings, database_queue):
    settings.EMAIL_BACKEND = QUEUED
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return database_queue


def test_sending_only_queues_then_the_worker_delivers_and_forgets_the_text(queued_mail):
    message = EmailMessage("Your order", "Thank you", "shop@example.org", ["reader@example.org"])
    message.attach("slip.txt", "Packing slip", "text/plain")
    message.send()
    assert mail.outbox == [], "nothing is sent inside the request"
    record = OutgoingEmail.objects.get()
    assert record.status == OutgoingEmail.QUEUED and record.message["to"] == ["reader@example.org"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT payload FROM jobs_outgoingemail")
        stored = cursor.fetchone()[0]
    assert "reader@example.org" not in stored and "Thank you" not in stored, "encrypted at rest"

    worker.run_waiting_jobs()
    (sent,) = mail.outbox
    assert (sent.subject, sent.body, sent.to) == ("Your order", "Thank you", ["reader@example.org"])
    assert sent.attachments[0][:2] == ("slip.txt", "Packing slip")
    assert sent.extra_headers["Message-ID"] == record.message_id
    record.refresh_from_db()
    assert record.status == OutgoingEmail.SENT and record.attempts == 1
    assert record.payload == "" and record.message == {}, "addresses and text are not kept once delivered"


def test_a_delivery_job_run_twice_sends_one_email(queued_mail):
    from cancerinfo.jobs.mail import deliver_email

    send_mail("Hello", "Body", None, ["a@example.org"])
    record = OutgoingEmail.objects.get()
    deliver_email.enqueue(record.pk)  # the same job queued again
    worker.run_waiting_jobs()
    assert len(mail.outbox) == 1


def test_the_same_message_id_is_queued_once(queued_mail):
    key = idempotent_message_id("review-reminder", "owner@example.org", "2026-12-07")
    for _ in range(2):  # the reminders job ran twice
        EmailMessage("Reviews", "Body", None, ["owner@example.org"], headers={"Message-ID": key}).send()
    worker.run_waiting_jobs()
    assert len(mail.outbox) == 1 and OutgoingEmail.objects.count() == 1


def test_a_mail_server_error_keeps_the_email_queued_for_a_retry(queued_mail, settings):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens there
    send_mail("Hello", "Body", None, ["a@example.org"])
    worker.run_waiting_jobs()
    record = OutgoingEmail.objects.get()
    assert record.status == OutgoingEmail.QUEUED and record.attempts == 1
    assert "ConnectionRefusedError" in record.last_error
    retry = queued_mail.get(status="READY")
    assert retry.args_kwargs["kwargs"] == {"_attempt": 2}


def test_a_rolled_back_form_sends_nothing(queued_mail):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Hello", "Body", None, ["a@example.org"])
        raise RuntimeError("the form failed after queuing its e-mail")
    assert not OutgoingEmail.objects.exists() and not queued_mail.exists()
