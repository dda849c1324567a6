"""Resources and support: a directory of organisations that help people with cancer and their families."""

from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from cancerinfo.core.models import SearchWordsMixin
from cancerinfo.core.page_views import PageViews
from cancerinfo.taxonomy.models import CancerType, Topic


class Region(models.TextChoices):
    UK = "uk", "The whole UK"
    ENGLAND = "england", "England"
    SCOTLAND = "scotland", "Scotland"
    WALES = "wales", "Wales"
    NORTHERN_IRELAND = "northern-ireland", "Northern Ireland"


class Organisation(index.Indexed, ClusterableModel):
    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True, blank=True)
    summary = models.TextField(help_text="What they do, in one to three plain sentences.")
    phone = models.CharField(max_length=40, blank=True)
    phone_note = models.CharField(max_length=120, blank=True, help_text="For example: Monday to Friday, 10am to 4pm.")
    website = models.URLField(blank=True)
    region = models.CharField(max_length=20, choices=Region.choices, default=Region.UK, help_text="Where they help.")
    cancer_types = ParentalManyToManyField(
        CancerType, blank=True, related_name="organisations", help_text="Leave empty if they help with any cancer."
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="organisations")
    is_demonstration = models.BooleanField(
        default=False, help_text="A made-up organisation for the demo site. Shown with a clear label."
    )
    live = models.BooleanField(default=True, help_text="Untick to hide it from the directory.")

    panels = [
        FieldPanel("name"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("phone_note"), FieldPanel("website")], heading="Contact"),
        MultiFieldPanel(
            [FieldPanel("region"), FieldPanel("cancer_types"), FieldPanel("topics")], heading="Who and what it helps"
        ),
        FieldPanel("is_demonstration"),
        FieldPanel("live"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.SearchField("summary")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:150]
        super().save(*args, **kwargs)

    @property
    def phone_tel(self) -> str:
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


# Filled by views.py (the app's ready() imports it): the directory's filters and matches for the page's context.
directory_views = PageViews("support directory page")


class SupportDirectoryPage(SearchWordsMixin, Page):
    """The Resources and support page: an introduction and the organisations, filtered by region, cancer and topic."""

    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    max_count = 1

    class Meta:
        verbose_name = "support directory page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(directory_views.serve("context", request, self))
        return context
