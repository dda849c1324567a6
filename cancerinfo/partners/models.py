"""A partner's API key and its use. Only a hash of the key is kept: the key itself is shown once, to the member of
staff who makes it (keys.py), like a GitHub token; a short prefix is kept so people can tell keys apart."""

from django.conf import settings
from django.contrib import admin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


class PartnerKey(models.Model):
    organisation = models.CharField(max_length=200, help_text="The organisation that reuses our content.")
    contact_email = models.EmailField(
        help_text="Who we tell about changes to the API or to the terms, and ask when something looks wrong."
    )
    prefix = models.CharField(max_length=16, editable=False, help_text="The start of the key, to tell keys apart.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    per_minute = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        verbose_name="requests a minute", help_text="Leave empty for the partners' default (API_PARTNER_RATE).",
    )  # fmt: skip
    per_day = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100_000_000)],
        verbose_name="requests a day", help_text="Leave empty for the partners' default (API_PARTNER_RATE).",
    )  # fmt: skip
    notes = models.TextField(blank=True, help_text="What they use it for, agreements made. Seen by staff only.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        ordering = ["organisation", "-created_at"]
        verbose_name = "API key"
        verbose_name_plural = "API keys"

    def __str__(self) -> str:
        return f"{self.organisation} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @admin.display(description="status")
    def status(self) -> str:
        return f"Revoked {self.revoked_at:%d %b %Y}" if self.revoked_at else "Active"

    def revoke(self, by=None) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.revoked_by = by
            self.save(update_fields=["revoked_at", "revoked_by"])


class DailyUsage(models.Model):
    """Requests made with a key on one day (UTC), written from the cache's counters by usage.flush()."""

    key = models.ForeignKey(PartnerKey, on_delete=models.CASCADE, related_name="usage")
    date = models.DateField()
    requests = models.PositiveIntegerField(default=0, help_text="Requests answered (including 304s and errors).")
    refused = models.PositiveIntegerField(default=0, help_text="Requests refused for being over the limit (429).")

    class Meta:
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["key", "date"], name="partners_one_usage_row_a_day")]
        verbose_name = "daily usage"
        verbose_name_plural = "daily usage"

    def __str__(self) -> str:
        return f"{self.key} on {self.date}: {self.requests}"
