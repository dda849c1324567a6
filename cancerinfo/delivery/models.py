"""What the delivery layer keeps in the database: published pages as rendered for readers."""

from django.db import models
from wagtail.models import Page


class StoredRendering(models.Model):
    """A published page as rendered for readers, kept in the database by its address (delivery/rendering.py).

    Written when the page is first rendered for a reader, or warmed after a publish; served while every version it
    was built from is unchanged and until `expires_at`, with its per-request parts (holes) rendered fresh. Rows
    are not content: saving one moves no version (settings.PAGE_CACHE_IGNORED_MODELS)."""

    site = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=1024)
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    page_path = models.CharField(max_length=255, help_text="The page's place in the tree, for private areas.")
    html = models.TextField()
    marker = models.CharField(max_length=32, help_text="Marks the holes in the stored HTML.")
    content_type = models.CharField(max_length=100)
    headers = models.JSONField(default=list)
    built_from = models.JSONField(default=dict)
    answers_any_query = models.BooleanField(
        default=False,
        help_text="Every part of the page that reads the query string is a hole: this copy serves any query.",
    )
    release = models.CharField(
        max_length=40, blank=True, help_text="The release of the code that rendered it (delivery/release.py)."
    )
    rendered_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site", "path"], name="one_rendering_per_address")]

    def __str__(self):
        return self.path
