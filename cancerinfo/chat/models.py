"""Live chat with the nurses: chats, their messages (encrypted at rest), saved replies, the on/off switch, the audit.

A chat is personal health data, handled as enquiries are (cancerinfo/enquiries): message text, and the e-mail
address a reader may leave, use EncryptedTextField; only the Nurses role reads them, and every read is audited.
The reader holds the chat by a random token; the database keeps only its hash, so a copy of the database cannot
be used to join someone's chat.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

from cancerinfo.core.short_references import new_short_reference
from cancerinfo.deployment import crypto
from cancerinfo.deployment.fields import EncryptedTextField


def token_hash(token: str) -> str:
    return hashlib.sha256(("cancerinfo-chat:" + token).encode()).hexdigest()


class ChatSwitch(models.Model):
    """The nurses' own switch: chats are offered only while it is on *and* the helpline is open. One row."""

    accepting = models.BooleanField(default=True, help_text="Offer the live chat while the helpline is open.")
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name = "chat switch"

    def __str__(self) -> str:
        return "Chat on" if self.accepting else "Chat off"


class SavedReply(models.Model):
    """A reply nurses often send, inserted into the message box with one click. Never personal."""

    title = models.CharField(max_length=80, unique=True)
    body = models.TextField(max_length=2000)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "saved replies"

    def __str__(self) -> str:
        return self.title


class Chat(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for a nurse"
        ACTIVE = "active", "With a nurse"
        ENDED = "ended", "Ended"
        PASSED_ON = "passed_on", "Passed on as a question"

    class Outcome(models.TextChoices):
        INFORMATION = "information", "Information given"
        GP = "gp", "Referred to GP"
        TEAM = "team", "Referred to their hospital team"
        EMERGENCY = "emergency", "Emergency advice given"
        SIGNPOSTED = "signposted", "Signposted to another service"
        READER_LEFT = "reader_left", "Reader left the chat"
        OFF_DUTY = "off_duty", "Nurses went off duty"
        OTHER = "other", "Other"

    reference = models.CharField(max_length=20, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.WAITING, db_index=True)
    nurse = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = EncryptedTextField(blank=True)  # optional: for the transcript, or a reply if the nurses go off duty
    email_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)  # to find for erasure
    consent_wording_version = models.CharField(max_length=20)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    picked_up_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True, db_index=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    emergency_at = models.DateTimeField(null=True, blank=True)  # the nurse pressed Emergency: a supervisor checks
    supervisor_checked_at = models.DateTimeField(null=True, blank=True)
    reader_typing_at = models.DateTimeField(null=True, blank=True)
    nurse_typing_at = models.DateTimeField(null=True, blank=True)
    enquiry_reference = models.CharField(max_length=20, blank=True)  # the question it became when passed on
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.reference  # never a message: this string may reach logs

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_short_reference("CH")
        self.email_hash = crypto.lookup_hash(self.email) if self.email else ""
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.WAITING, self.Status.ACTIVE)


class ChatMessage(models.Model):
    class Sender(models.TextChoices):
        READER = "reader", "Reader"
        NURSE = "nurse", "Nurse"
        SYSTEM = "system", "CancerInfo"

    chat = models.ForeignKey(Chat, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=10, choices=Sender.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = EncryptedTextField()
    # The sender's own id for the message: sent twice (a retry after a dropped connection), it is stored once.
    client_id = models.CharField(max_length=40, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["chat", "sender", "client_id"],
                condition=~models.Q(client_id=""),
                name="chat_message_once_per_client_id",
            )
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} in chat {self.chat_id}"


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The chat audit log is append-only.")

    def delete(self):
        raise PermissionError("The chat audit log is append-only.")


class ChatAuditEntry(models.Model):
    """Who did what to which chat, when. Append-only, like the enquiries' log."""

    class Action(models.TextChoices):
        START = "start", "Started"
        VIEW = "view", "Transcript read"
        PICK_UP = "pick_up", "Picked up"
        TRANSFER = "transfer", "Transferred"
        EMERGENCY = "emergency", "Emergency"
        END = "end", "Ended"
        PASS_ON = "pass_on", "Passed on as a question"
        TRANSCRIPT = "transcript", "Transcript sent to the reader"
        DELETION = "deletion", "Deleted"
        ANONYMISE = "anonymise", "Anonymised"
        SWITCH = "switch", "Chat switched on or off"

    at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    actor_name = models.CharField(max_length=150, blank=True, editable=False)
    action = models.CharField(max_length=20, choices=Action.choices, editable=False)
    reference = models.CharField(max_length=20, blank=True, db_index=True, editable=False)
    detail = models.CharField(max_length=255, blank=True, editable=False, help_text="Never personal details.")

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "chat audit entries"
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or 'system'} {self.action} {self.reference}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise PermissionError("The chat audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The chat audit log is append-only.")


class NursePresence(models.Model):
    """When each nurse's console last spoke to us: the nurses on duty, for an honest wait estimate."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"Console of user {self.user_id}"
