"""What the queue needs beyond django-tasks-db's task results: live workers, the schedule's state, locks and the
outgoing mail queue."""

import base64
import json

from django.core.mail import EmailMultiAlternatives
from django.db import models

from cancerinfo.deployment.fields import EncryptedTextField


class WorkerHeartbeat(models.Model):
    """A worker process that says it is alive every few seconds; its running job is rerun once it falls silent."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class ScheduledJob(models.Model):
    """When a job declared with a schedule is next due. Workers claim a due run by moving `next_run_at` on, in one
    conditional update, so any number of workers start it once."""

    name = models.CharField(max_length=255, primary_key=True, help_text="The job's import path.")
    next_run_at = models.DateTimeField()
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        permissions = [("view_job_status", "Can see background jobs, their last runs and failures")]

    def __str__(self):
        return self.name


class JobLock(models.Model):
    """A named lock, so one piece of work (one booklet's PDF) is done by one worker at a time."""

    name = models.CharField(max_length=255, primary_key=True)
    owner = models.CharField(max_length=100)
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name} ({self.owner})"


class OutgoingEmail(models.Model):
    """One e-mail on its way out. Kept in the same transaction as whatever caused it, delivered by the worker.

    The message itself (addresses, text) is cleared as soon as it is delivered; the record of the delivery stays
    for EMAIL_SENT_RETENTION_DAYS. An e-mail is delivered at most once by this queue: a worker claims it before
    sending, and a sent e-mail is never claimed again."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    STATUS_CHOICES = [(QUEUED, "Waiting"), (SENDING, "Sending"), (SENT, "Sent"), (FAILED, "Gave up")]

    message_id = models.CharField(max_length=255, unique=True)
    subject = models.CharField(max_length=255, blank=True)
    # Addresses and text of a message still to be sent: as private as the enquiry it may answer, so encrypted at
    # rest with ENQUIRY_ENCRYPTION_KEY (docs/enquiries.md), and cleared once delivered.
    payload = EncryptedTextField(blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=QUEUED, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "outgoing e-mail"

    def __str__(self):
        return f"{self.subject} ({self.get_status_display()})"

    @property
    def message(self) -> dict:
        return json.loads(self.payload) if self.payload else {}

    @staticmethod
    def serialise(message) -> str:
        data = {
            "subject": str(message.subject),
            "body": str(message.body),
            "from_email": message.from_email,
            "to": list(message.to),
            "cc": list(message.cc),
            "bcc": list(message.bcc),
            "reply_to": list(message.reply_to),
            "headers": {key: str(value) for key, value in message.extra_headers.items()},
            "content_subtype": message.content_subtype,
            "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
            "attachments": [],
        }
        for attachment in message.attachments:
            if not isinstance(attachment, tuple):
                raise ValueError("Queued e-mails take attachments as (filename, content, mimetype).")
            name, content, mimetype = attachment
            raw = content.encode() if isinstance(content, str) else bytes(content)
            data["attachments"].append([name, base64.b64encode(raw).decode(), mimetype])
        return json.dumps(data)

    def build(self, connection=None) -> EmailMultiAlternatives:
        data = self.message
        message = EmailMultiAlternatives(
            subject=data["subject"],
            body=data["body"],
            from_email=data["from_email"],
            to=data["to"],
            cc=data["cc"],
            bcc=data["bcc"],
            reply_to=data["reply_to"],
            headers={**data["headers"], "Message-ID": self.message_id},
            connection=connection,
        )
        message.content_subtype = data.get("content_subtype", "plain")
        for content, mimetype in data["alternatives"]:
            message.attach_alternative(content, mimetype)
        for name, content, mimetype in data["attachments"]:
            message.attach(name, base64.b64decode(content), mimetype)
        return message
