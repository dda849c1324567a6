"""CancerQs: questions people asked our nurses, each a page with a short answer first, then the detail."""

from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cancerinfo.core.blocks import ContentStreamBlock, ReferencesBlock
from cancerinfo.core.models import ContentOptionsMixin, ReviewDatesMixin, SearchWordsMixin
from cancerinfo.core.page_cache import depends_on
from cancerinfo.core.readability import ReadabilityPanel, ReadabilityScored
from cancerinfo.taxonomy.models import CancerType, Topic, Treatment

from . import services

TOPIC_ROUTE = "topic"
CANCER_TYPE_ROUTE = "cancer-type"
PROFESSIONAL_ROUTE = "for-health-professionals"
PROFESSIONAL_PREVIEW_MODE = "professional"


class QuestionIndexPage(RoutablePageMixin, SearchWordsMixin, Page):
    """The CancerQs area: every question, 25 a page, and an index per topic and per cancer type."""

    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["questions.QuestionPage"]
    max_count = 1

    class Meta:
        verbose_name = "questions index"

    def _listing(self, request, questions, template, **extra):
        page_number = request.GET.get("page")
        depends_on(request, services.QUESTIONS_VERSION)  # counts and lists of every question
        context = self.get_context(request)
        context.update(extra)
        context.update(services.paginate(questions, page_number))
        return TemplateResponse(request, template, context)

    @path("")
    def index(self, request):
        return self._listing(
            request,
            services.questions_under(self),
            "questions/question_index_page.html",
            topics=services.topics_with_counts(self),
            cancer_types=services.cancer_types_with_counts(self),
        )

    @path(f"{TOPIC_ROUTE}/<slug:slug>/")
    def topic(self, request, slug):
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            raise Http404("No such topic")
        return self._listing(
            request,
            services.questions_under(self).filter(topics=topic),
            "questions/question_term_page.html",
            term=topic,
            term_kind="topic",
            heading=f"Questions about {topic.name.lower()}",
        )

    @path(f"{CANCER_TYPE_ROUTE}/<slug:slug>/")
    def cancer_type(self, request, slug):
        cancer_type = CancerType.objects.filter(slug=slug).first()
        if cancer_type is None:
            raise Http404("No such cancer type")
        return self._listing(
            request,
            services.questions_under(self).filter(cancer_types=cancer_type),
            "questions/question_term_page.html",
            term=cancer_type,
            term_kind="cancer type",
            heading=f"Questions about {cancer_type.name}",
        )

    def topic_url(self, topic) -> str:
        return f"{self.url}{TOPIC_ROUTE}/{topic.slug}/"

    def cancer_type_url(self, cancer_type) -> str:
        return f"{self.url}{CANCER_TYPE_ROUTE}/{cancer_type.slug}/"


class QuestionPage(ReadabilityScored, RoutablePageMixin, SearchWordsMixin, ReviewDatesMixin, ContentOptionsMixin, Page):
    """One question: the question is the title; a short direct answer, then the detail. It may also have a version
    for health professionals, at for-health-professionals/, kept on the same page so revisions, workflow and review
    dates cover both versions."""

    short_answer = models.TextField(help_text="The answer in one to three plain sentences. Shown first.")
    detail = StreamField(ContentStreamBlock(), blank=True, help_text="The fuller answer.")
    cancer_types = ParentalManyToManyField(CancerType, blank=True, related_name="questions")
    treatments = ParentalManyToManyField(Treatment, blank=True, related_name="questions")
    topics = ParentalManyToManyField(Topic, blank=True, related_name="questions")
    references = StreamField(ReferencesBlock(), blank=True)

    professional_answer = models.TextField(
        "short answer for health professionals",
        blank=True,
        help_text="The answer for doctors and nurses in one to three sentences. Shown first on the version for "
        "health professionals. Leave this and the detail below blank if the question needs no such version.",
    )
    professional_detail = StreamField(
        ContentStreamBlock(), blank=True, verbose_name="detail for health professionals", help_text="The fuller answer."
    )
    professional_references = StreamField(
        ReferencesBlock(), blank=True, verbose_name="references for health professionals"
    )

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
                    FieldPanel("professional_answer"),
                    FieldPanel("professional_detail"),
                    FieldPanel("professional_references"),
                ],
                heading="Version for health professionals (optional)",
            ),
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
    settings_panels = Page.settings_panels + ContentOptionsMixin.option_panels

    search_fields = Page.search_fields + [
        index.SearchField("short_answer"),
        index.SearchField("detail"),
        index.RelatedFields("cancer_types", [index.SearchField("name"), index.SearchField("other_names")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("source_qid"),
    ]

    parent_page_types = ["questions.QuestionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "question"

    @property
    def is_imported(self) -> bool:
        return bool(self.source_qid or self.source_url)

    @property
    def has_professional_version(self) -> bool:
        # Keep in step with services.with_professional_version, its database counterpart.
        return bool(self.professional_answer or self.professional_detail)

    def professional_url(self, request=None) -> str | None:
        url = self.get_url(request=request)
        return f"{url}{self.reverse_subpage('professional_version')}" if url else None

    @path("", name="patient_version")
    def patient_version(self, request):
        return self.render(request)

    @path(f"{PROFESSIONAL_ROUTE}/", name="professional_version")
    def professional_version(self, request):
        # A temporary redirect: the version may be written later, and then this address should show it.
        if not self.has_professional_version:
            return redirect(self.get_url(request=request))
        return self.render(request, for_professionals=True)

    @property
    def preview_modes(self):
        return [("", "For patients"), (PROFESSIONAL_PREVIEW_MODE, "For health professionals")]

    def serve_preview(self, request, mode_name):
        # Editors preview the professional version as they write it, before it has any content to show.
        if mode_name == PROFESSIONAL_PREVIEW_MODE:
            return self.render(request, for_professionals=True)
        return super().serve_preview(request, mode_name)

    def get_context(self, request, *args, for_professionals=False, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(services.question_page_context(self, request, for_professionals=for_professionals))
        return context

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        patient = urls[0]
        if patient["location"] and self.pk in services.ids_with_professional_version(request):
            urls.append({**patient, "location": f"{patient['location']}{self.reverse_subpage('professional_version')}"})
        return urls


class QuestionBookletSection(Orderable):
    """An editor's choice of booklet section that says more about the question."""

    question = ParentalKey(QuestionPage, on_delete=models.CASCADE, related_name="booklet_sections")
    section = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("section", ["booklets.BookletSectionPage", "booklets.BookletPage"])]

    class Meta(Orderable.Meta):
        verbose_name = "booklet section"
