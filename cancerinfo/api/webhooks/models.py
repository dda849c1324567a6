"""Partners' webhook subscriptions and the log of each delivery (Settings → Partner webhooks in the admin)."""

import uuid

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable

from cancerinfo.deployment.fields import EncryptedTextField

from .destinations import check_destination
from .signing import new_secret

# The page types the API serves (api/resources.py): the only ones that make events.
SUBSCRIBABLE_PAGE_TYPES = ["booklets.BookletPage", "booklets.BookletSectionPage", "questions.QuestionPage"]


class Subscription(ClusterableModel):
    EVERYTHING, CHOSEN = "everything", "chosen"
    SCOPES = [
        (EVERYTHING, "Every booklet, section and question"),
        (CHOSEN, "Only the chosen booklets (with their sections) and pages"),
    ]

    partner = models.CharField(max_length=120, help_text="Who receives these events, for example a charity's name.")
    url = models.URLField(
        "address",
        max_length=500,
        help_text="The partner's https:// address that receives the events. It must be a public internet address.",
    )
    # Shown to staff on the subscription's page, to give to the partner; encrypted at rest (ENQUIRY_ENCRYPTION_KEY).
    secret = EncryptedTextField(default=new_secret, editable=False)
    scope = models.CharField(max_length=20, choices=SCOPES, default=EVERYTHING)
    active = models.BooleanField(default=True, help_text="Switched off, it receives nothing (no event is kept).")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["partner", "pk"]
        verbose_name = "webhook subscription"

    def __str__(self):
        return f"{self.partner} ({self.url})"

    def clean(self):
        super().clean()
        if self.url:
            from django.core.exceptions import ValidationError

            try:
                check_destination(self.url)
            except ValidationError as error:
                raise ValidationError({"url": error.messages}) from error


class SubscribedPage(Orderable):
    subscription = ParentalKey(Subscription, on_delete=models.CASCADE, related_name="pages")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A booklet (its sections come with it), a section or a question.",
    )

    panels = [PageChooserPanel("page", SUBSCRIBABLE_PAGE_TYPES)]

    def __str__(self):
        return str(self.page_id)


class Delivery(models.Model):
    """One event sent to one subscription: tried again with backoff until it is delivered or given up."""

    PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"
    STATUSES = [(PENDING, "Waiting to be sent or retried"), (DELIVERED, "Delivered"), (FAILED, "Failed")]

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.UUIDField(default=uuid.uuid4, help_text="The same for every partner told of one change.")
    event = models.CharField(max_length=40)
    page_id = models.PositiveIntegerField()
    body = models.TextField(help_text="The JSON sent, byte for byte (its signature is made when it is sent).")
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    next_try_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.UniqueConstraint(fields=["subscription", "event_id"], name="webhooks_delivery_once_per_event")
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.event} of page {self.page_id} to {self.subscription_id}: {self.status}"
