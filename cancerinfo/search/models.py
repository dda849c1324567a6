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


# -- the index in the database (SITE_SEARCH_BACKEND=database, the default on PostgreSQL; see dbindex.py) ----------
class SearchDocument(models.Model):
    """One search document as every app server reads it. A change never edits a row: the old row is marked dead
    and a new one added, both stamped with the change-log row that made them, so other processes load exactly what
    changed."""

    key = models.CharField(max_length=200, db_index=True)
    live = models.BooleanField(default=True)
    change_id = models.BigIntegerField(default=0, db_index=True)  # the IndexChange that wrote it; 0: a full build
    kind = models.CharField(max_length=40)
    title = models.TextField()
    url = models.TextField()
    body = models.TextField(blank=True)
    tags = models.TextField(blank=True)
    keywords = models.TextField(blank=True)
    parent = models.TextField(blank=True)
    parent_url = models.TextField(blank=True)
    review_date = models.DateField(null=True, blank=True)
    cancer_types = models.TextField(blank=True)  # slugs, space-separated
    page_id = models.IntegerField(null=True, blank=True, db_index=True)
    source_qid = models.CharField(max_length=80, blank=True)
    summary = models.TextField(blank=True)
    current = models.BooleanField(default=True)
    weight = models.FloatField(default=1.0)
    vector = models.BinaryField(null=True)  # float32 sentence embedding

    def __str__(self) -> str:
        return self.key


class SearchTerm(models.Model):
    """A term's postings: the documents that have it, by BM25F score (highest first; long lists keep the best), and
    how many documents have it in each field (to score a new document as a full build would)."""

    term = models.CharField(max_length=200, unique=True)
    documents = models.IntegerField(default=0)  # documents with the term in any field
    field_documents = models.JSONField(default=dict)  # field -> documents with the term there
    postings = models.BinaryField()  # int32 document ids
    scores = models.BinaryField()  # float32, same order

    def __str__(self) -> str:
        return self.term


class SearchName(models.Model):
    """A document's name (its title or one of its other names) as its sorted terms: a query that is a page's name
    finds it first."""

    name = models.CharField(max_length=255, db_index=True)
    document_id = models.BigIntegerField()

    def __str__(self) -> str:
        return self.name


class SearchWord(models.Model):
    """The site's own words and how often they occur, for "Did you mean …?" (pg_trgm on PostgreSQL)."""

    word = models.CharField(max_length=60, unique=True)
    frequency = models.IntegerField(default=0)

    def __str__(self) -> str:
        return self.word


class SearchIndexState(models.Model):
    """The one row that says which change the database index was last built for, and its collection statistics."""

    change_id = models.BigIntegerField(default=0)
    change_token = models.CharField(max_length=40, blank=True)
    documents = models.IntegerField(default=0)
    statistics = models.JSONField(default=dict)  # field -> average length
    built_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"built for change {self.change_id}"
