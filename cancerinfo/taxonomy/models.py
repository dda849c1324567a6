"""The shared vocabulary every content type is tagged with: cancer types and treatments."""

from django.db import models
from django.utils.text import slugify
from wagtail.search import index


class TaxonomyTerm(index.Indexed, models.Model):
    name = models.CharField(max_length=120, unique=True, help_text="The name patients know, in UK spelling.")
    slug = models.SlugField(max_length=120, unique=True, blank=True)
    summary = models.TextField(blank=True, help_text="One or two plain-English sentences.")
    other_names = models.CharField(
        max_length=500,
        blank=True,
        help_text="Other names and spellings, separated by commas (for example: leukemia, blood cancer).",
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("other_names"),
        index.SearchField("summary"),
    ]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)

    @property
    def other_names_list(self) -> list[str]:
        return [name.strip() for name in self.other_names.split(",") if name.strip()]


class CancerType(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "cancer type"


class Treatment(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = "treatment"


class Topic(models.Model):
    """What a piece of content is about (symptoms, tests, treatment, outlook...), for browsing and related content."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=250, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name
