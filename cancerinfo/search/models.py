"""What search keeps: the thesaurus editors maintain, spelling variants, stored embeddings and query counts."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel


def split_terms(text: str) -> list[str]:
    return [" ".join(part.split()).lower() for part in text.replace("\n", ",").split(",") if part.strip()]


class ThesaurusGroup(models.Model):
    """Words and phrases that mean the same to the people searching: each finds the others, both ways."""

    terms = models.TextField(
        help_text="Separate words and phrases with commas, everyday words first: "
        "womb, uterus, uterine, endometrial. Keep a group to one meaning."
    )
    note = models.CharField(max_length=200, blank=True, help_text="Optional: why this group exists.")
    active = models.BooleanField(default=True, help_text="Untick to stop using this group without deleting it.")
    source = models.CharField(
        max_length=20,
        blank=True,
        editable=False,
        help_text="Where a loaded group came from (nci-drugs: the NCI dictionary's drug names); blank for ours.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("note"), FieldPanel("active")]

    class Meta:
        ordering = ["terms"]
        verbose_name = "thesaurus group"

    def __str__(self) -> str:
        terms = self.terms_list
        return ", ".join(terms[:6]) + (" …" if len(terms) > 6 else "")

    @property
    def terms_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self):
        super().clean()
        if len(self.terms_list) < 2:
            raise ValidationError({"terms": "Enter at least two words or phrases, separated by commas."})
        too_long = [term for term in self.terms_list if len(term) > 60]
        if too_long:
            raise ValidationError({"terms": f"Keep each word or phrase under 60 characters: {too_long[0][:60]}…"})


class SpellingVariant(models.Model):
    """A British spelling and its American twin (loaded from VarCon by `manage.py load_spelling_variants`)."""

    british = models.CharField(max_length=80, unique=True)
    american = models.CharField(max_length=80, db_index=True)
    source = models.CharField(max_length=20, default="varcon")

    class Meta:
        ordering = ["british"]

    def __str__(self) -> str:
        return f"{self.british} / {self.american}"


class DocumentVector(models.Model):
    """A document's sentence embedding, kept while its text is unchanged (text_hash)."""

    key = models.CharField(max_length=80, unique=True)
    text_hash = models.CharField(max_length=40)
    model_name = models.CharField(max_length=60)
    vector = models.BinaryField()

    def __str__(self) -> str:
        return self.key


class QueryStat(models.Model):
    """How often a query was searched on a day, and how often it found nothing. Never who searched."""

    day = models.DateField()
    query = models.CharField(max_length=100)
    searches = models.PositiveIntegerField(default=0)
    zero_results = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day", "-searches"]
        constraints = [models.UniqueConstraint(fields=["day", "query"], name="sitesearch_querystat_day_query")]
        verbose_name = "search query count"

    def __str__(self) -> str:
        return f"{self.day} {self.query}: {self.searches}"


class IndexChange(models.Model):
    """Something search covers changed: a page (published, unpublished, moved or deleted) or, without a page,
    anything else (glossary terms, trials, the thesaurus: read everything again). Every process applies the changes
    after the last one it saw, so a page published on one server is found on all of them within seconds."""

    page_id = models.IntegerField(null=True, blank=True)  # a plain id: the page may have been deleted
    token = models.UUIDField(default=uuid.uuid4)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.pk}: page {self.page_id}" if self.page_id else f"{self.pk}: everything"
