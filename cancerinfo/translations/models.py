"""What the site keeps about each translated page: which English revision it was translated from.

A translation itself is a Wagtail page in another locale (same `translation_key` as its English page), so its
revisions, workflow, review dates and search work as for any page. wagtail-localize keeps the strings; this row
keeps the link a reader's notice needs: the English revision the translation was made from.
"""

from django.conf import settings
from django.db import models
from wagtail.models import Page, Revision

TRANSLATIONS_CHANGED = "translations"  # the version (delivery/versions.py) moved when a row here changes


class PageTranslation(models.Model):
    page = models.OneToOneField(
        Page, on_delete=models.CASCADE, related_name="translation_record", help_text="The translated page."
    )
    source = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="translation_records", help_text="The English page."
    )
    language = models.CharField(max_length=20)
    source_revision = models.ForeignKey(
        Revision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The English page's revision the translation was made from.",
    )
    translated_at = models.DateTimeField(auto_now=True)
    translated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["language", "source__title"]
        verbose_name = "page translation"

    def __str__(self):
        return f"{self.source.title} ({self.language})"

    @property
    def english_updated(self) -> bool:
        """True when the English page has been published again since this translation was made."""
        return self.source.live_revision_id is not None and self.source.live_revision_id != self.source_revision_id
