"""The shared vocabulary every content type is tagged with: cancer types and treatments, and the clinical codes
(ICD-10, SNOMED CT) editors keep on cancer types (and on booklets, with the same rules: ClinicalCode)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.search import index

from . import codes


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


class CancerType(TaxonomyTerm, ClusterableModel):
    """Clusterable, so that its clinical codes are edited on the same form (an InlinePanel)."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = "cancer type"


class ClinicalCode(models.Model):
    """One clinical code (taxonomy/codes.py): kept normalised, so C79.5 is found however an editor typed it."""

    system = models.CharField(max_length=10, choices=codes.SYSTEM_CHOICES, default=codes.ICD10)
    code = models.CharField(
        max_length=20,
        help_text="ICD-10 as in C50 or C79.5 (lookups of its sub-codes find it too: C79.51 finds C79.5); "
        "SNOMED CT as a concept id, as in 254837009.",
    )

    class Meta:
        abstract = True
        ordering = ["system", "code"]
        indexes = [models.Index(fields=["system", "code"], name="%(app_label)s_%(class)s_code")]

    def __str__(self) -> str:
        return f"{codes.SYSTEM_NAMES.get(self.system, self.system)} {self.code}"

    def save(self, *args, **kwargs):
        try:  # code that skips the form (a loader, the shell) keeps codes as the form would
            self.code = codes.normalise(self.system, self.code)
        except codes.CodeError as error:
            raise ValidationError({"code": str(error)}) from error
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        try:
            self.code = codes.normalise(self.system, self.code)
        except codes.CodeError as error:
            raise ValidationError({"code": str(error)}) from error

    @property
    def as_code(self) -> codes.Code:
        return codes.Code(self.system, self.code)


class CancerTypeCode(ClinicalCode):
    cancer_type = ParentalKey(CancerType, on_delete=models.CASCADE, related_name="clinical_codes")

    class Meta(ClinicalCode.Meta):
        verbose_name = "clinical code"


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


VERSION = "taxonomy"


def terms_by_id() -> dict:
    """Every cancer type, treatment and topic by id, per process, until one is saved or deleted: pages look up
    their terms here instead of joining each table (a few hundred small rows at most)."""
    from cancerinfo.delivery import versions

    def build():
        return {
            "cancer_types": {term.pk: term for term in CancerType.objects.all()},
            "treatments": {term.pk: term for term in Treatment.objects.all()},
            "topics": {topic.pk: topic for topic in Topic.objects.all()},
        }

    return versions.table("taxonomy-terms", [VERSION], build)


def codes_by_cancer_type() -> dict[int, list[codes.Code]]:
    """{cancer type id: its clinical codes}, per process until a cancer type or a code is saved or deleted: the
    structured data of every page names its conditions' codes without a query."""
    from cancerinfo.delivery import versions

    def build():
        found: dict[int, list[codes.Code]] = {}
        for pk, system, code in CancerTypeCode.objects.order_by("system", "code").values_list(
            "cancer_type_id", "system", "code"
        ):
            if codes.Code(system, code) not in found.setdefault(pk, []):
                found[pk].append(codes.Code(system, code))
        return found

    return versions.table("taxonomy-codes", [VERSION], build)


def attach_terms(*pairs: tuple) -> None:
    """attach_terms((booklet, "cancer_types"), (section, "topics"), ...): each page's terms, read in one query
    whatever their number, set on the pages as in-memory values (modelcluster), so .all(), .filter() and .exists()
    on them need no query afterwards. Never saved from here."""
    from django.db.models import Value

    queries = []
    for n, (instance, name) in enumerate(pairs):
        field = type(instance)._meta.get_field(name)
        through = field.remote_field.through
        queries.append(
            through.objects.filter(**{field.m2m_column_name(): instance.pk})
            .annotate(which=Value(n))
            .values_list(field.m2m_reverse_name(), "which")
        )
    found: dict[int, list[int]] = {n: [] for n in range(len(pairs))}
    if queries:
        for pk, which in queries[0].union(*queries[1:], all=True):
            found[which].append(pk)
    terms = terms_by_id()
    tables = {CancerType: terms["cancer_types"], Treatment: terms["treatments"], Topic: terms["topics"]}
    for n, (instance, name) in enumerate(pairs):
        table = tables[type(instance)._meta.get_field(name).related_model]
        chosen = [table[pk] for pk in found[n] if pk in table]
        setattr(instance, name, sorted(chosen, key=lambda term: (getattr(term, "sort_order", 0), term.name)))


def _terms_changed(**kwargs) -> None:
    from cancerinfo.delivery import versions

    versions.bump(VERSION)


for _model in (CancerType, Treatment, Topic, CancerTypeCode):
    models.signals.post_save.connect(_terms_changed, sender=_model, dispatch_uid=f"taxonomy-saved-{_model.__name__}")
    models.signals.post_delete.connect(
        _terms_changed, sender=_model, dispatch_uid=f"taxonomy-deleted-{_model.__name__}"
    )
