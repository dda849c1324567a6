"""Questions to our nurses and contact messages: special category health data, encrypted at rest, audited.

What we keep is the minimum to answer: the question, who it is about, an optional cancer type, an e-mail address
(and optionally a first name), the consent wording version and time. Personal fields use EncryptedTextField; the
e-mail address also has a keyed hash (email_hash) so a person's enquiries can be found for export or erasure.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from cancerinfo.core.blocks import ContentStreamBlock
from cancerinfo.core.models import SearchWordsMixin
from cancerinfo.core.page_views import PageViews
from cancerinfo.core.short_references import new_short_reference
from cancerinfo.deployment import crypto
from cancerinfo.deployment.fields import EncryptedTextField
from cancerinfo.taxonomy.models import CancerType


def new_reference(prefix: str) -> str:
    return new_short_reference(prefix)


class Enquiry(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in_progress", "In progress"
        ANSWERED = "answered", "Answered"
        CLOSED = "closed", "Closed"

    class About(models.TextChoices):
        ME = "me", "Me"
        SOMEONE_ELSE = "someone_else", "Someone else"

    reference = models.CharField(max_length=20, unique=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    about = models.CharField(max_length=20, choices=About.choices)
    cancer_type = models.ForeignKey(CancerType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    question = EncryptedTextField()
    first_name = EncryptedTextField(blank=True)
    email = EncryptedTextField(blank=True)
    email_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    consent_wording_version = models.CharField(max_length=20)
    consent_given_at = models.DateTimeField()
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closing_note = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "enquiries"
        permissions = [("handle_enquiries", "Read and answer questions to nurses")]

    def __str__(self) -> str:
        # Never the question: this string may end up in logs and admin messages.
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference("AN")
        self.email_hash = crypto.lookup_hash(self.email) if self.email else ""
        super().save(*args, **kwargs)

    def set_status(self, status: str) -> None:
        self.status = status
        now = timezone.now()
        if status == self.Status.ANSWERED and not self.answered_at:
            self.answered_at = now
        if status == self.Status.CLOSED:
            self.closed_at = self.closed_at or now
        else:
            self.closed_at = None


class EnquiryReply(models.Model):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = EncryptedTextField()
    linked_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent_at"]

    def __str__(self) -> str:
        return f"Reply to {self.enquiry_id}"


class ContactMessage(models.Model):
    class Category(models.TextChoices):
        FEEDBACK = "feedback", "Feedback on our information"
        WEBSITE = "website", "A problem with the website"
        MEDIA = "media", "Media and press"
        OTHER = "other", "Something else"

    reference = models.CharField(max_length=20, unique=True, editable=False)
    category = models.CharField(max_length=20, choices=Category.choices)
    name = EncryptedTextField(blank=True)
    email = EncryptedTextField()
    email_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    message = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = new_reference("CM")
        self.email_hash = crypto.lookup_hash(self.email) if self.email else ""
        super().save(*args, **kwargs)


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The enquiry audit log is append-only.")

    def delete(self):
        raise PermissionError("The enquiry audit log is append-only.")


class AuditEntry(models.Model):
    """Who did what to which enquiry, when. Append-only: rows cannot be changed or deleted through the code."""

    class Action(models.TextChoices):
        CREATE = "create", "Received"
        VIEW = "view", "Viewed"
        ASSIGN = "assign", "Assigned"
        STATUS = "status", "Status changed"
        REPLY = "reply", "Replied"
        DRAFT = "draft", "Draft question page made"
        EXPORT = "export", "Exported"
        DELETION = "deletion", "Deleted"
        ANONYMISE = "anonymise", "Anonymised"

    at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    actor_name = models.CharField(max_length=150, blank=True, editable=False, help_text="Kept if the user is deleted.")
    action = models.CharField(max_length=20, choices=Action.choices, editable=False)
    reference = models.CharField(max_length=20, blank=True, db_index=True, editable=False)
    detail = models.CharField(max_length=255, blank=True, editable=False, help_text="Never personal details.")

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "audit entries"
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name or 'system'} {self.action} {self.reference}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise PermissionError("The enquiry audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The enquiry audit log is append-only.")


# Filled by views.py (the app's ready() imports it).
contact_views = PageViews("contact page")


class ContactPage(RoutablePageMixin, SearchWordsMixin, Page):
    """Contact us: the helpline (number, hours, open now), Ask a nurse and the contact form, as sub-pages."""

    introduction = models.TextField(blank=True)
    body = StreamField(ContentStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    max_count = 1

    class Meta:
        verbose_name = "contact page"

    @path("")
    def contact(self, request):
        return contact_views.serve("contact", request, self)

    @path("ask-a-nurse/", name="ask_a_nurse")
    def ask_a_nurse(self, request):
        return contact_views.serve("ask_a_nurse", request, self)

    @path("ask-a-nurse/sent/", name="ask_a_nurse_sent")
    def ask_a_nurse_sent(self, request):
        return contact_views.serve("ask_a_nurse_sent", request, self)

    @path("write-to-us/", name="write_to_us")
    def write_to_us(self, request):
        return contact_views.serve("write_to_us", request, self)

    @path("write-to-us/sent/", name="write_to_us_sent")
    def write_to_us_sent(self, request):
        return contact_views.serve("write_to_us_sent", request, self)

    @property
    def ask_a_nurse_url(self) -> str:
        return self.url + self.reverse_subpage("ask_a_nurse")

    @property
    def write_to_us_url(self) -> str:
        return self.url + self.reverse_subpage("write_to_us")
