"""Booklets: multi-page guides for patients. A booklet is a page; its sections are its child pages, in tree order."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import dateformat
from django.utils.translation import gettext as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cancerinfo.core import boxes as page_boxes
from cancerinfo.core.blocks import ReadingStreamBlock, ReferencesBlock
from cancerinfo.core.models import ContentOptionsMixin, ReviewDatesMixin, SearchWordsMixin
from cancerinfo.core.page_views import PageViews
from cancerinfo.core.readability import ReadabilityPanel, ReadabilityScored
from cancerinfo.taxonomy.models import CancerType, ClinicalCode, Topic, Treatment
from cancerinfo.versions.models import Audience, AudienceMixin

WHOLE_BOOKLET_SLUG = "all"
TERM_ROUTE_PREFIX = "about"

# The views behind the booklet pages' routes and contexts (booklets/views.py fills them): the models do not import the
# services, which read the models.
booklet_index_views = PageViews("booklet index")
booklet_views = PageViews("booklet")
section_views = PageViews("booklet section")
a_to_z_views = PageViews("A–Z page")


# The boxes an editor can add to each page type: those other apps registered for it (core/boxes.py). Module-level
# functions, so that migrations name them rather than a list fixed on the day they were written.
def booklet_box_choices():
    return page_boxes.choices_for("booklets.BookletPage")


def section_box_choices():
    return page_boxes.choices_for("booklets.BookletSectionPage")


def boxes_panel(type_label: str) -> MultiFieldPanel:
    return MultiFieldPanel(
        [
            FieldPanel("standard_boxes", help_text=page_boxes.describe_standard_lazily(type_label)),
            FieldPanel("boxes"),
        ],
        heading="Boxes",
    )


class BookletIndexPage(RoutablePageMixin, SearchWordsMixin, Page):
    """An area that lists booklets: Specific cancers, Cancer treatments, Living with cancer."""

    GROUP_NONE = ""
    GROUP_CANCER_TYPES = "cancer_types"
    GROUP_TREATMENTS = "treatments"
    GROUP_CHOICES = [
        (GROUP_NONE, "No grouping"),
        (GROUP_CANCER_TYPES, "By cancer type"),
        (GROUP_TREATMENTS, "By treatment"),
    ]

    introduction = models.TextField(blank=True)
    group_by = models.CharField(max_length=20, choices=GROUP_CHOICES, blank=True, default=GROUP_NONE)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("group_by")]
    subpage_types = ["booklets.BookletPage"]

    @path("")
    def index(self, request):
        return booklet_index_views.serve("index", request, self)

    @path(f"{TERM_ROUTE_PREFIX}/<slug:slug>/")
    def term(self, request, slug):
        return booklet_index_views.serve("term", request, self, slug)

    def term_url(self, term) -> str:
        return f"{self.url}{TERM_ROUTE_PREFIX}/{term.slug}/"


class BookletPage(RoutablePageMixin, SearchWordsMixin, ReviewDatesMixin, AudienceMixin, Page):
    AUDIENCE_PATIENTS = Audience.PATIENTS
    AUDIENCE_PROFESSIONALS = Audience.PROFESSIONALS
    AUDIENCE_EASY_READ = Audience.EASY_READ

    series = models.CharField(
        max_length=120, default="Understanding", help_text='Shown as "From the … booklet series".'
    )
    summary = models.TextField(blank=True, help_text="One or two sentences: who the booklet is for and what it covers.")
    introduction = StreamField(ReadingStreamBlock(), blank=True)
    cancer_types = ParentalManyToManyField(CancerType, blank=True, related_name="booklets")
    treatments = ParentalManyToManyField(Treatment, blank=True, related_name="booklets")
    references = StreamField(ReferencesBlock(), blank=True)
    # The one place a booklet's edition is kept: its pages, the one-page view, the PDF and the publications
    # catalogue all show it from here (edition_line), beside the review dates.
    edition = models.CharField(max_length=60, blank=True, help_text="For example: 3rd edition.")
    edition_date = models.DateField(
        null=True,
        blank=True,
        help_text="When this edition was published. Shown as month and year on the booklet, its PDF and in the "
        "publications catalogue.",
    )
    standard_boxes = page_boxes.standard_boxes_field()
    boxes = page_boxes.boxes_field(booklet_box_choices)

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("summary"),
            FieldPanel("introduction"),
            MultiFieldPanel(
                [FieldPanel("series"), FieldPanel("audience"), FieldPanel("cancer_types"), FieldPanel("treatments")],
                heading="About this booklet",
            ),
            InlinePanel(
                "clinical_codes",
                heading="Clinical codes",
                label="Code",
                help_text="Codes of the condition this booklet is about, when its cancer types' codes do not say it "
                "already (the API's lookup by code finds a booklet by both).",
            ),
            FieldPanel("references"),
            boxes_panel("booklets.BookletPage"),
            MultiFieldPanel([FieldPanel("edition"), FieldPanel("edition_date")], heading="Edition"),
        ]
        + ReviewDatesMixin.review_panels
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("introduction"),
        index.FilterField("audience"),
    ]

    parent_page_types = ["booklets.BookletIndexPage", "core.IndexPage"]
    subpage_types = ["booklets.BookletSectionPage"]

    @property
    def easy_read(self) -> bool:
        return self.audience == Audience.EASY_READ

    @property
    def series_line(self) -> str:
        return _("From the %(series)s booklet series") % {"series": self.series}

    @property
    def edition_line(self) -> str:
        """ "3rd edition, March 2026": the edition as every view of the booklet shows it."""
        published = (
            dateformat.format(self.edition_date, "F Y") if self.edition_date else ""
        )  # month in the page's language
        return ", ".join(part for part in (self.edition, published) if part)

    @path("")
    def landing(self, request):
        return booklet_views.serve("landing", request, self)

    @path(f"{WHOLE_BOOKLET_SLUG}/")
    def whole_booklet(self, request):
        return booklet_views.serve("whole_booklet", request, self)

    @property
    def whole_booklet_url(self) -> str:
        return f"{self.url}{WHOLE_BOOKLET_SLUG}/"


class BookletCode(ClinicalCode):
    """An ICD-10 or SNOMED CT code of what a booklet is about (taxonomy/codes.py). Kept with the page's revisions:
    the rows in the table are the live version's once published."""

    booklet = ParentalKey(BookletPage, on_delete=models.CASCADE, related_name="clinical_codes")

    class Meta(ClinicalCode.Meta):
        verbose_name = "clinical code"


class BookletSectionPage(ReadabilityScored, SearchWordsMixin, ContentOptionsMixin, Page):
    body = StreamField(ReadingStreamBlock(), blank=True)
    topics = ParentalManyToManyField(
        Topic, blank=True, related_name="booklet_sections", help_text="What this section is about."
    )
    standard_boxes = page_boxes.standard_boxes_field()
    boxes = page_boxes.boxes_field(section_box_choices)

    readability_fields = ("body",)
    content_panels = Page.content_panels + [
        FieldPanel("body"),
        FieldPanel("topics"),
        boxes_panel("booklets.BookletSectionPage"),
        ReadabilityPanel(),
    ]
    settings_panels = Page.settings_panels + ContentOptionsMixin.option_panels
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["booklets.BookletPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "booklet section"

    def clean(self):
        super().clean()
        if self.slug == WHOLE_BOOKLET_SLUG:
            raise ValidationError({"slug": f'"{WHOLE_BOOKLET_SLUG}" is kept for the whole-booklet view.'})

    def readability_audience(self) -> str:
        """A section is written for its booklet's audience (easy read is scored by a stricter rule)."""
        parent_path = self.path[: -self.steplen] if self.path else ""
        return BookletPage.objects.filter(path=parent_path).values_list("audience", flat=True).first() or ""

    def get_template(self, request, *args, **kwargs):
        # A section of an easy-read booklet has the easy-read layout (booklets/views.py).
        return section_views.serve("template", request, self) or super().get_template(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(section_views.serve("context", request, self))  # booklet, contents, previous and next
        return context


class AtoZPage(SearchWordsMixin, Page):
    """Every booklet, cancer type and treatment, grouped by first letter."""

    introduction = models.TextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("introduction")]
    max_count = 1
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "A–Z list"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(a_to_z_views.serve("context", request, self))
        return context
