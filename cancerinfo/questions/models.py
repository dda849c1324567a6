"""CancerQs: questions people asked our nurses, each a page with a short answer first, then the detail."""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cancerinfo.core.blocks import ReadingStreamBlock, ReferencesBlock
from cancerinfo.core.models import ContentOptionsMixin, ReviewDatesMixin, SearchWordsMixin
from cancerinfo.core.page_views import PageViews
from cancerinfo.core.readability import ReadabilityPanel, ReadabilityScored
from cancerinfo.taxonomy.models import CancerType, Topic, Treatment
from cancerinfo.versions.models import Audience, AudienceMixin
from cancerinfo.versions.services import versions_of

TOPIC_ROUTE = "topic"
CANCER_TYPE_ROUTE = "cancer-type"
# A question's version for health professionals is a question page under it, at this address.
PROFESSIONAL_SLUG = "for-health-professionals"

# The views behind the index's routes and a question page's context (questions/views.py fills them).
question_index_views = PageViews("questions index")
question_page_views = PageViews("question page")


class QuestionIndexPage(RoutablePageMixin, SearchWordsMixin, Page):
    """The CancerQs area: every question, 25 a page, and an index per topic and per cancer type."""

    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["questions.QuestionPage"]
    max_count = 1

    class Meta:
        verbose_name = "questions index"

    # The listings are the views' (questions/views.py), through the table: the models do not import the services.
    @path("")
    def index(self, request):
        return question_index_views.serve("index", request, self)

    @path(f"{TOPIC_ROUTE}/<slug:slug>/")
    def topic(self, request, slug):
        return question_index_views.serve("topic", request, self, slug)

    @path(f"{CANCER_TYPE_ROUTE}/<slug:slug>/")
    def cancer_type(self, request, slug):
        return question_index_views.serve("cancer_type", request, self, slug)

    def topic_url(self, topic) -> str:
        return f"{self.url}{TOPIC_ROUTE}/{topic.slug}/"

    def cancer_type_url(self, cancer_type) -> str:
        return f"{self.url}{CANCER_TYPE_ROUTE}/{cancer_type.slug}/"


class QuestionPage(ReadabilityScored, SearchWordsMixin, ReviewDatesMixin, ContentOptionsMixin, AudienceMixin, Page):
    """One question: the question is the title; a short direct answer, then the detail. Its version for health
    professionals is a question page of its own, under it at for-health-professionals/ (a versions.ContentVersion
    links the two), with its own answer, detail and references. It shares the original's subject: cancer types,
    topics and booklet links are read from the original."""

    short_answer = models.TextField(help_text="The answer in one to three plain sentences. Shown first.")
    detail = StreamField(ReadingStreamBlock(), blank=True, help_text="The fuller answer.")
    cancer_types = ParentalManyToManyField(CancerType, blank=True, related_name="questions")
    treatments = ParentalManyToManyField(Treatment, blank=True, related_name="questions")
    topics = ParentalManyToManyField(Topic, blank=True, related_name="questions")
    references = StreamField(ReferencesBlock(), blank=True)

    # Where an imported answer came from. Blank for our own answers.
    source_qid = models.CharField(
        "source identifier", max_length=40, unique=True, null=True, blank=True, help_text="For example MedQuAD qid."
    )
    source_url = models.URLField("source page", max_length=500, blank=True)
    source_name = models.CharField(max_length=200, blank=True, help_text="For example: National Cancer Institute.")
    source_licence = models.CharField(max_length=100, blank=True, help_text="For example: CC BY 4.0.")
    source_licence_url = models.URLField(max_length=300, blank=True)
    source_hash = models.CharField(max_length=64, blank=True, editable=False)

    readability_fields = ("short_answer", "detail")
    content_panels = (
        Page.content_panels
        + [
            FieldPanel("short_answer"),
            FieldPanel("detail"),
            MultiFieldPanel(
                [FieldPanel("cancer_types"), FieldPanel("treatments"), FieldPanel("topics")], heading="What it is about"
            ),
            InlinePanel("booklet_sections", label="More about this in our booklets"),
            FieldPanel("references"),
            MultiFieldPanel(
                [
                    FieldPanel("source_qid"),
                    FieldPanel("source_url"),
                    FieldPanel("source_name"),
                    FieldPanel("source_licence"),
                    FieldPanel("source_licence_url"),
                ],
                heading="Source (imported answers)",
            ),
        ]
        + ReviewDatesMixin.review_panels
        + [ReadabilityPanel()]
    )
    settings_panels = Page.settings_panels + [FieldPanel("audience")] + ContentOptionsMixin.option_panels

    search_fields = Page.search_fields + [
        index.SearchField("short_answer"),
        index.SearchField("detail"),
        index.RelatedFields("cancer_types", [index.SearchField("name"), index.SearchField("other_names")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("source_qid"),
    ]

    parent_page_types = ["questions.QuestionIndexPage", "questions.QuestionPage"]
    subpage_types = ["questions.QuestionPage"]  # its versions

    class Meta:
        verbose_name = "question"

    @property
    def is_imported(self) -> bool:
        return bool(self.source_qid or self.source_url)

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.path else None
        is_version = parent is not None and parent.specific_class is QuestionPage
        if is_version and self.audience == Audience.PATIENTS:
            raise ValidationError(
                {"audience": "A question under another question is a version of it: choose its audience."}
            )

    @property
    def is_live_version(self) -> bool:
        """Is this page a version whose original is live too? (No query: the versions table is kept.)"""
        return self.audience != Audience.PATIENTS and bool(versions_of(self))

    def serve(self, request, *args, **kwargs):
        # A version is shown with its original: unpublishing the question takes both away. Previews show drafts.
        previewing = getattr(request, "is_preview", False)
        if self.audience != Audience.PATIENTS and not previewing and not self.is_live_version:
            raise Http404("The original question is not published")
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        if self.audience != Audience.PATIENTS and not self.is_live_version:
            return []
        return super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(question_page_views.serve("context", request, self))  # questions/views.py
        return context


class QuestionBookletSection(Orderable):
    """An editor's choice of booklet section that says more about the question."""

    question = ParentalKey(QuestionPage, on_delete=models.CASCADE, related_name="booklet_sections")
    section = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("section", ["booklets.BookletSectionPage", "booklets.BookletPage"])]

    class Meta(Orderable.Meta):
        verbose_name = "booklet section"
