"""Records the editorial process keeps: readers' feedback, reasons for publishing hard pages, link checks and the
public change log of each booklet."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

FEEDBACK_COMMENT_MAX = 500


class Feedback(models.Model):
    """ "Was this page helpful?". Deliberately holds no IP address, name, email or browser details."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    helpful = models.BooleanField()
    comment = models.TextField(blank=True, max_length=FEEDBACK_COMMENT_MAX)
    created = models.DateField(default=timezone.localdate, db_index=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name_plural = "feedback"

    def __str__(self):
        return f"{'Yes' if self.helpful else 'No'} on page {self.page_id}, {self.created:%d %b %Y}"


class ReadabilityException(models.Model):
    """Why a page above the reading-age target was still published."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(help_text="Why this page needs words or sentences that raise its reading age.")
    reading_age = models.FloatField(null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created"]

    def __str__(self):
        return f"Reading age reason for page {self.page_id}"


class ChangeLogEntry(index.Indexed, models.Model):
    """One dated, editor-written summary of what changed in a booklet's edition. Public."""

    booklet = models.ForeignKey("booklets.BookletPage", on_delete=models.CASCADE, related_name="change_log")
    date = models.DateField(default=timezone.localdate)
    edition = models.CharField(max_length=60, blank=True, help_text="For example: 4th edition.")
    summary = models.TextField(help_text="In plain English: what changed and why, for readers.")

    panels = [FieldPanel("booklet"), FieldPanel("date"), FieldPanel("edition"), FieldPanel("summary")]
    search_fields = [index.SearchField("summary"), index.AutocompleteField("edition")]

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "what's changed entry"
        verbose_name_plural = "what's changed entries"

    def __str__(self):
        return f"{self.date:%d %B %Y}: {self.summary[:60]}"


class LinkCheck(models.Model):
    """The result of the latest check of one external link on one page."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    url = models.URLField(max_length=2000)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    ok = models.BooleanField(default=False)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["ok", "url"]
        constraints = [models.UniqueConstraint(fields=["page", "url"], name="governance_linkcheck_page_url")]

    def __str__(self):
        return f"{self.url} ({self.status_code or self.error})"

    @property
    def outcome(self) -> str:
        if self.ok:
            return f"Works ({self.status_code})"
        if self.status_code:
            return f"Broken ({self.status_code})"
        return f"Broken ({self.error or 'no answer'})"


class ReadabilityScore(models.Model):
    """The reading age of a page's published text, worked out when it is published (and by score_readability)."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", primary_key=True)
    reading_age = models.FloatField()
    grade = models.FloatField()
    words = models.PositiveIntegerField(default=0)
    long_sentences = models.PositiveIntegerField(default=0)
    plainer_words = models.PositiveIntegerField(default=0)
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reading_age"]

    def __str__(self):
        return f"Reading age {self.reading_age:.0f} for page {self.page_id}"
