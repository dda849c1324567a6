"""Versions of a piece of content: the same subject written for another audience (health professionals, easy read)
and, later, in another language. One row links an original page to one of its versions; booklets and questions
share it, and so do the audience switch, the sitemap and search."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.template.response import TemplateResponse
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, get_page_models

from cancerinfo.core.models import SearchWordsMixin
from cancerinfo.core.page_views import PageViews

# Page types that can have versions: the chooser offers only these.
VERSIONED_PAGE_TYPES = ["booklets.BookletPage", "questions.QuestionPage"]


class Audience(models.TextChoices):
    PATIENTS = "patients", "Patients and carers"
    PROFESSIONALS = "professionals", "Health professionals"
    EASY_READ = "easy_read", "Easy read"


# What the switch says for each audience, in the order it lists them.
SWITCH_LABELS = {
    Audience.PATIENTS: "For patients",
    Audience.PROFESSIONALS: "For health professionals",
    Audience.EASY_READ: "Easy read",
}


class AudienceMixin(models.Model):
    """Who a page is written for. Pages for patients are the originals; other audiences are their versions."""

    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.PATIENTS)

    class Meta:
        abstract = True

    @property
    def for_professionals(self) -> bool:
        return self.audience == Audience.PROFESSIONALS


class ContentVersion(models.Model):
    """One version of a page: the same content for another audience (and, later, in another language)."""

    original = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="content_versions")
    version = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="version_of")
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.PROFESSIONALS)
    # A language code: the version is the original's translation, a page in that Wagtail locale (written by the
    # translations app on import; the audience switch leaves those rows to the language switch).
    language = models.CharField(max_length=20, blank=True, help_text="Blank: the original's language.")

    panels = [
        PageChooserPanel("original", VERSIONED_PAGE_TYPES),
        PageChooserPanel("version", VERSIONED_PAGE_TYPES),
        FieldPanel("audience"),
    ]

    class Meta:
        verbose_name = "version of a page"
        constraints = [
            models.UniqueConstraint(fields=["original", "audience", "language"], name="one_version_per_audience"),
        ]

    def __str__(self):
        return f"{self.original} → {self.version} ({self.get_audience_display()})"

    def clean(self):
        if self.original_id and self.original_id == self.version_id:
            raise ValidationError("Choose two different pages.")
        if self.version_id:
            version = self.version.specific
            if getattr(version, "audience", None) != self.audience:
                raise ValidationError({"version": "This page's audience is not the version's audience."})
        if (
            not self.language  # a translation is the same audience in another language
            and self.original_id
            and getattr(self.original.specific, "audience", Audience.PATIENTS) == self.audience
        ):
            raise ValidationError({"original": "The original is already written for this audience."})


VERSIONS_CHANGED = "content-versions"  # moves when a version is added, changed or removed


@receiver([post_save, post_delete], sender=ContentVersion)
def _forget_versions(**kwargs):
    from cancerinfo.delivery import versions as tokens

    # The switch may appear on (or leave) any versioned page, and the sitemap lists versions.
    tokens.bump(VERSIONS_CHANGED, tokens.CONTENT)


# Sub-addresses other apps add to the Health professionals area (prescriptions: its builder and sign-in), so the
# page needs none of their code: they call professionals_area_views.add_route() from their ready().
professionals_area_views = PageViews("Health professionals area")


def written_for(audience: str) -> dict[str, list]:
    """Live public pages written for an audience, by title, for each page type that declares its audience
    (AudienceMixin), keyed by model label ("booklets.bookletpage"): one query per such page type."""
    found = {}
    for model in get_page_models():
        if issubclass(model, AudienceMixin) and not model._meta.abstract:
            pages = model.objects.live().public().filter(audience=audience).order_by("title")
            found[model._meta.label_lower] = list(pages)
    return found


class HealthProfessionalsPage(RoutablePageMixin, SearchWordsMixin, Page):
    """The Health professionals area: everything written for health professionals (the versions of our content for
    them), bulk ordering, referring to the nurses, and what other apps add at sub-addresses (the information
    prescription builder at prescription/)."""

    introduction = models.TextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("introduction")]
    max_count = 1

    class Meta:
        verbose_name = "health professionals page"

    @classmethod
    def get_subpage_urls(cls):
        return super().get_subpage_urls() + professionals_area_views.added_urls()

    @path("")
    def landing(self, request):
        context = self.get_context(request)
        pages = written_for(Audience.PROFESSIONALS)
        context["booklets"] = pages.get("booklets.bookletpage", [])
        context["professional_questions"] = pages.get("questions.questionpage", [])
        return TemplateResponse(request, "versions/health_professionals_page.html", context)
