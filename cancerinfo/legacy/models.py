"""What an import remembers about each page it wrote, so links can be resolved later and re-imports are no-ops."""

from django.db import models
from wagtail.models import Page


class LegacySource(models.Model):
    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="legacy_source")
    source_path = models.CharField(max_length=500, help_text="The file the page was last imported from.")
    # Sanitised body with in-text links still named by their target's title (data-legacy-link="Title").
    body_source = models.TextField(blank=True)
    unresolved_links = models.JSONField(default=list, blank=True)
    # Links already resolved, {normalised title: page id}: a link keeps its target after the target is renamed.
    resolved_links = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "imported page"

    def __str__(self) -> str:
        return f"{self.page} ← {self.source_path}"
