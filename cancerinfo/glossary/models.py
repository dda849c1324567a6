"""Glossary: terms with plain-English definitions, the A–Z page that lists them and a page per term."""

import string
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from cancerinfo.core.models import SearchWordsMixin
from cancerinfo.core.page_views import PageViews

NCI_ATTRIBUTION = "Definition from the NCI Dictionary of Cancer Terms"
NCI_DICTIONARY_URL = "https://www.cancer.gov/publications/dictionaries/cancer-terms"
OTHER_LETTER = "#"
LETTERS = [*string.ascii_uppercase, OTHER_LETTER]


def sort_key(text: str) -> str:
    """Alphabetical order that ignores case and accents ("Müllerian" files under M)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()[:255]


def first_letter(text: str) -> str:
    key = sort_key(text)
    letter = key[:1].upper()
    return letter if letter in string.ascii_uppercase else OTHER_LETTER


def split_names(text: str) -> list[str]:
    return [name.strip() for name in text.replace(";", ",").replace("\n", ",").split(",") if name.strip()]


class Term(models.Model):
    """One glossary word. Our own, or imported (source_id set): editors may replace an imported definition."""

    term = models.CharField(max_length=255, help_text="The word or phrase as people write it, in UK spelling.")
    slug = models.SlugField(max_length=255, unique=True, blank=True, help_text="Its address: /glossary/<slug>/.")
    definition = models.TextField(
        help_text="One or two short sentences in plain English. Shown where the word appears in our pages."
    )
    explanation = RichTextField(
        blank=True, features=["bold", "italic", "ul", "ol", "link"], help_text="Optional: more about it."
    )
    pronunciation = models.CharField(
        max_length=255, blank=True, help_text='How to say it, in everyday spelling, e.g. "os-tee-oh-klast".'
    )
    other_names = models.TextField(
        blank=True,
        help_text="Other names and spellings, separated by commas: British and American (haemoglobin, hemoglobin), "
        "abbreviations and everyday names. Plurals are found without listing them.",
    )
    link_in_pages = models.BooleanField(
        default=True,
        help_text="Link this word to its definition where it appears in booklets and answers. Turn it off for "
        "everyday words readers know (bones, symptoms): a link on every page would only clutter the text.",
    )
    source_id = models.CharField(
        max_length=40, blank=True, db_index=True, help_text="The identifier in the source dictionary, if imported."
    )
    attribution = models.CharField(max_length=255, blank=True)
    source_definition = models.TextField(blank=True, editable=False, help_text="The text as last imported.")
    source_audience = models.CharField(max_length=40, blank=True, editable=False)
    source_updated = models.DateField(null=True, blank=True, editable=False)
    editor_override = models.BooleanField(
        default=False,
        help_text="Keep this definition when the dictionary is imported again. Ticked for you when you change an "
        "imported definition.",
    )
    letter = models.CharField(max_length=1, editable=False, db_index=True)
    sort_name = models.CharField(max_length=255, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("term"),
        FieldPanel("definition"),
        FieldPanel("pronunciation"),
        FieldPanel("other_names"),
        FieldPanel("explanation"),
        FieldPanel("link_in_pages"),
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("source_id"), FieldPanel("attribution"), FieldPanel("editor_override")],
            heading="Address and source",
        ),
    ]

    class Meta:
        ordering = ["sort_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_id"], condition=~models.Q(source_id=""), name="glossary_term_unique_source_id"
            )
        ]

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        super().save(*args, **kwargs)

    def fill_derived_fields(self) -> None:
        """Letter, sort order and slug; called by save() and by the importer (bulk writes skip save())."""
        self.term = " ".join(self.term.split())
        self.letter = first_letter(self.term)
        self.sort_name = sort_key(self.term)
        if not self.slug:
            self.slug = slugify(self.term)[:255] or f"term-{self.source_id.lower() or 'new'}"

    def clean(self):
        super().clean()
        if not self.term.strip():
            raise ValidationError({"term": "Enter the word or phrase."})
        if not self.definition.strip():
            raise ValidationError({"definition": "Enter a short definition."})
        # An editor who changes an imported definition wants to keep it when the dictionary is imported again.
        if self.source_definition and self.definition.strip() != self.source_definition.strip():
            self.editor_override = True
        if not self.slug:
            self.fill_derived_fields()
        clash = Term.objects.filter(slug=self.slug).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"slug": f'Another term already uses the address "{self.slug}".'})

    @property
    def names(self) -> list[str]:
        """Every name the linker looks for: the term and its other names."""
        return [self.term, *split_names(self.other_names)]

    @property
    def other_names_list(self) -> list[str]:
        return split_names(self.other_names)

    @property
    def shown_attribution(self) -> str:
        """Credit the source only while the definition is still theirs."""
        return "" if self.editor_override or not self.source_id else self.attribution

    @property
    def is_from_nci(self) -> bool:
        return bool(self.shown_attribution) and self.attribution == NCI_ATTRIBUTION


# Filled by views.py (the app's ready() imports it).
glossary_views = PageViews("glossary")


class GlossaryIndexPage(RoutablePageMixin, SearchWordsMixin, Page):
    """The glossary: an A–Z of terms with a search box, and a page per term at /glossary/<slug>/."""

    introduction = models.TextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "glossary"

    @path("")
    def index(self, request):
        return glossary_views.serve("index", request, self)

    @path("<slug:slug>/")
    def term_page(self, request, slug):
        return glossary_views.serve("term_page", request, self, slug)

    def term_url(self, term) -> str:
        return f"{self.url}{term.slug}/"
