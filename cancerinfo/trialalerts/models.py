"""An alert someone asked for: "e-mail me when a trial for my cancer type opens near me".

We keep the least we can: the e-mail address (encrypted at rest, with a keyed hash to find it for a person who asks
us to delete it), the postcode district (the first part of a postcode, such as LS1; never the full postcode) and one
cancer type. Nothing is sent until the person follows the link in the confirmation e-mail (double opt-in).
"""

import secrets

from django.db import models

from cancerinfo.deployment import crypto
from cancerinfo.deployment.fields import EncryptedTextField


def new_token() -> str:
    return secrets.token_urlsafe(24)  # 32 characters: the secret in the confirm and unsubscribe links


class TrialAlert(models.Model):
    email = EncryptedTextField()
    email_hash = models.CharField(max_length=64, db_index=True, editable=False)
    district = models.CharField(max_length=4, help_text="The postcode district (outward code), such as LS1.")
    cancer_type = models.ForeignKey("taxonomy.CancerType", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    alerts_sent = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "clinical trial alert"
        constraints = [
            models.UniqueConstraint(fields=["email_hash", "district", "cancer_type"], name="trialalerts_one_per_person")
        ]

    def __str__(self) -> str:
        # Never the address: this string may end up in logs and admin messages.
        return f"{self.cancer_type} near {self.district}"

    def save(self, *args, **kwargs):
        self.email_hash = crypto.lookup_hash(self.email)
        super().save(*args, **kwargs)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class KnownTrial(models.Model):
    """A trial this alert has told about, or that was already recruiting near the person when they confirmed (so the
    first alert is about a trial that opened after they asked). Each trial is told about once."""

    alert = models.ForeignKey(TrialAlert, on_delete=models.CASCADE, related_name="known_trials")
    trial = models.ForeignKey("trials.Trial", on_delete=models.CASCADE, related_name="+")
    alerted_at = models.DateTimeField(null=True, blank=True, help_text="Empty: known when the alert was confirmed.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["alert", "trial"], name="trialalerts_trial_once")]

    def __str__(self) -> str:
        return f"{self.alert_id}:{self.trial_id}"
