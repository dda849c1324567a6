"""Donations: the page people give on, each donation, Gift Aid declarations and claims, and webhook events seen."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from cancerinfo.core.blocks import ContentStreamBlock
from cancerinfo.core.models import SearchWordsMixin
from cancerinfo.core.page_views import PageViews
from cancerinfo.core.short_references import unique_short_reference

DONATION_REFERENCE_PREFIX = "DN"


def new_donation_reference() -> str:
    return unique_short_reference(
        DONATION_REFERENCE_PREFIX, lambda reference: Donation.objects.filter(short_reference=reference).exists()
    )


ONE_OFF = "one_off"
MONTHLY = "monthly"
FREQUENCY_CHOICES = [(ONE_OFF, "One-off"), (MONTHLY, "Monthly")]

HEARD_ABOUT_CHOICES = [
    ("", "Choose an answer (optional)"),
    ("search", "A search engine"),
    ("booklet", "One of our booklets"),
    ("nurse", "Our nurse helpline"),
    ("hospital", "A hospital or GP surgery"),
    ("friend", "A friend or family member"),
    ("social", "Social media"),
    ("event", "An event or fundraiser"),
    ("other", "Somewhere else"),
]


# Filled by views.py (the app's ready() imports it).
donation_views = PageViews("donation page")


class DonationPage(RoutablePageMixin, SearchWordsMixin, Page):
    """The "Support us" area: the donate form, then thank-you or cancelled after the payment provider's page."""

    introduction = models.TextField(blank=True)
    body = StreamField(ContentStreamBlock(), blank=True, help_text="Shown under the form: how donations help.")
    thank_you_text = models.TextField(
        blank=True,
        default="Your gift helps us keep our nurses answering calls and our booklets free for everyone who needs them.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel(
            "suggested_amounts",
            heading="Suggested amounts",
            label="Suggested amount",
            help_text="Shown as choices on the form, with what each amount pays for.",
        ),
        FieldPanel("body"),
        FieldPanel("thank_you_text"),
    ]
    max_count = 1
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "donation page"

    @path("")
    def donate(self, request):
        return donation_views.serve("donate", request, self)

    @path("thank-you/<uuid:reference>/")
    def thank_you(self, request, reference):
        return donation_views.serve("thank_you", request, self, reference)

    @path("cancelled/<uuid:reference>/")
    def cancelled(self, request, reference):
        return donation_views.serve("cancelled", request, self, reference)

    def suggestions(self, frequency: str) -> list["SuggestedAmount"]:
        return [s for s in self.suggested_amounts.all() if s.frequency == frequency]


class SuggestedAmount(Orderable):
    page = ParentalKey(DonationPage, on_delete=models.CASCADE, related_name="suggested_amounts")
    frequency = models.CharField(max_length=10, choices=FREQUENCY_CHOICES, default=ONE_OFF)
    amount = models.DecimalField(max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("1"))])
    pays_for = models.CharField(
        max_length=200, help_text='What this amount pays for, e.g. "could pay for a nurse to answer two calls".'
    )

    panels = [FieldPanel("frequency"), FieldPanel("amount"), FieldPanel("pays_for")]

    def __str__(self):
        return f"£{self.amount} {self.get_frequency_display().lower()}"


class GiftAidDeclaration(models.Model):
    """A donor's Gift Aid declaration, with the exact wording they agreed to. Kept 6 years after the last claim."""

    title = models.CharField(max_length=4, blank=True)
    first_name = models.CharField(max_length=35)
    last_name = models.CharField(max_length=35)
    house_name_or_number = models.CharField(max_length=40)
    address = models.CharField(max_length=200, blank=True, help_text="The rest of the address (optional).")
    postcode = models.CharField(max_length=8)
    covers_this_donation = models.BooleanField(default=True)
    covers_past_four_years = models.BooleanField(default=False)
    covers_future = models.BooleanField(default=False)
    wording_version = models.CharField(max_length=20)
    wording = models.TextField(help_text="The declaration exactly as the donor saw it.")
    declared_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-declared_at"]
        constraints = [
            # A declaration HMRC would accept: the donor's name, house and postcode, and the words they agreed to.
            models.CheckConstraint(
                condition=~Q(first_name="")
                & ~Q(last_name="")
                & ~Q(house_name_or_number="")
                & ~Q(postcode="")
                & ~Q(wording="")
                & ~Q(wording_version=""),
                name="donations_declaration_complete",
            ),
        ]

    def __str__(self):
        return f"Gift Aid declaration {self.pk} ({self.declared_at:%d/%m/%Y})"


class GiftAidClaim(models.Model):
    """One export of the Charities Online schedule: the donations in it are never claimed again."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    date_from = models.DateField()
    date_to = models.DateField()
    donation_count = models.PositiveIntegerField(default=0)
    total_amount = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    schedule_csv = models.TextField(help_text="The schedule as exported, so it can be downloaded again.")

    class Meta:
        ordering = ["-created_at"]
        permissions = [("export_giftaidclaim", "Can export Gift Aid claims")]

    def __str__(self):
        return f"Gift Aid claim {self.pk}: {self.date_from:%d/%m/%Y} to {self.date_to:%d/%m/%Y}"

    @property
    def filename(self) -> str:
        return f"gift-aid-claim-{self.pk}-{self.date_from:%Y%m%d}-{self.date_to:%Y%m%d}.csv"


class Donation(models.Model):
    """One payment (a one-off gift, or one month of a monthly gift). Pending until the provider's webhook says paid."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    FAILED = "failed"
    EXPIRED = "expired"
    STATUS_CHOICES = [
        (PENDING, "Pending"),
        (CONFIRMED, "Confirmed"),
        (FAILED, "Failed"),
        (EXPIRED, "Abandoned or expired"),
    ]

    # The long reference is the unguessable key in the thank-you page's address and the provider's metadata; people
    # read, quote and search the short one ("DN-7KQM-X3PA", the scheme orders and enquiries use).
    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    short_reference = models.CharField(max_length=20, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    frequency = models.CharField(max_length=10, choices=FREQUENCY_CHOICES, default=ONE_OFF)
    amount = models.DecimalField(max_digits=8, decimal_places=2)
    currency = models.CharField(max_length=3, default="GBP")
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    email = models.EmailField(blank=True)
    in_memory_of = models.CharField(max_length=100, blank=True)
    heard_about = models.CharField(max_length=20, blank=True, choices=HEARD_ABOUT_CHOICES)
    personal_data_removed_at = models.DateTimeField(null=True, blank=True)

    provider = models.CharField(max_length=20)
    provider_session_id = models.CharField(max_length=255, blank=True, db_index=True)
    provider_payment_id = models.CharField(max_length=255, blank=True, db_index=True)
    provider_subscription_id = models.CharField(max_length=255, blank=True, db_index=True)
    subscription_cancelled_at = models.DateTimeField(null=True, blank=True)
    # A later month of a monthly gift points at the first donation of that gift.
    regular_gift = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="later_payments"
    )

    gift_aid_declaration = models.ForeignKey(
        GiftAidDeclaration, null=True, blank=True, on_delete=models.SET_NULL, related_name="donations"
    )
    gift_aid_claim = models.ForeignKey(
        GiftAidClaim, null=True, blank=True, on_delete=models.PROTECT, related_name="donations"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"£{self.amount} {self.get_frequency_display().lower()} ({self.get_status_display().lower()})"

    def save(self, *args, **kwargs):
        if not self.short_reference:
            self.short_reference = new_donation_reference()
        super().save(*args, **kwargs)

    @property
    def is_monthly(self) -> bool:
        return self.frequency == MONTHLY

    @property
    def gift_aid(self) -> bool:
        return self.gift_aid_declaration_id is not None


class ProcessedWebhookEvent(models.Model):
    """Every provider event we have acted on, once: the unique constraint makes processing idempotent."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    event_type = models.CharField(max_length=100)
    # Digest of the delivery's signature: the same signed request sent again is a replay, not a retry.
    signature_digest = models.CharField(max_length=64)
    received_at = models.DateTimeField(auto_now_add=True)
    donation = models.ForeignKey(Donation, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="donations_event_processed_once"),
        ]

    def __str__(self):
        return f"{self.provider} {self.event_type} {self.event_id}"
