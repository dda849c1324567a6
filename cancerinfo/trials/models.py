"""Clinical trials: trials and their sites (imported from registries), postcode districts, and the finder page."""

from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page
from wagtail.search import index

from cancerinfo.core.models import SearchWordsMixin
from cancerinfo.core.page_views import PageViews
from cancerinfo.taxonomy.models import CancerType

from . import freshness
from .choices import CoordinatesSource, IdentifierScheme, Phase, Referral, Registry, Sex, Status

REGISTRY_ID_PATTERN = r"[A-Za-z]{2,10}-?[0-9]{3,12}"

# Where each registry shows a record, for the numbers we can link to.
IDENTIFIER_URLS = {
    IdentifierScheme.NCT: "https://clinicaltrials.gov/study/{value}",
    IdentifierScheme.ISRCTN: "https://www.isrctn.com/{value}",
}


def describe_age(months: int | None) -> str:
    if months is None:
        return ""
    if months % 12 == 0:
        years = months // 12
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{months} month{'s' if months != 1 else ''}"


def describe_age_range(min_months: int | None, max_months: int | None) -> str:
    low, high = describe_age(min_months), describe_age(max_months)
    if low and high:
        return f"{low} to {high}"
    if low:
        return f"{low} or older"
    if high:
        return f"up to {high}"
    return "any age"


class Trial(index.Indexed, ClusterableModel):
    """One trial as its registry describes it, plus the plain-English words our editors write about it.

    Imports overwrite the registry fields and never touch the editors' fields (see EDITOR_FIELDS).
    """

    registry = models.CharField(max_length=30, choices=Registry.choices, default=Registry.CLINICALTRIALS_GOV)
    registry_id = models.CharField(
        max_length=40, unique=True, help_text="The registry's identifier, for example NCT01234567 or ISRCTN12345678."
    )
    registry_url = models.URLField(max_length=300, blank=True)
    title = models.CharField(max_length=500, help_text="The registry's short title.")
    official_title = models.TextField(blank=True)
    registry_summary = models.TextField(blank=True, help_text="The registry's brief summary, as written there.")
    interventions = models.TextField(blank=True, help_text="What the registry says the trial tests, one per line.")
    registry_eligibility = models.TextField(blank=True, help_text="The registry's eligibility criteria.")
    conditions = models.TextField(blank=True, help_text="Conditions as the registry lists them, one per line.")
    cancer_types = models.ManyToManyField(CancerType, blank=True, related_name="trials")
    cancer_types_checked = models.BooleanField(
        default=False,
        help_text="Tick when an editor has checked the cancer types: imports will then leave them alone.",
    )
    is_cancer_trial = models.BooleanField(
        default=True, help_text="Imports untick this for trials that are not about cancer; the finder hides them."
    )
    phase = models.CharField(max_length=10, choices=Phase.choices, blank=True, default=Phase.UNKNOWN)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.UNKNOWN, db_index=True)
    min_age_months = models.PositiveIntegerField(null=True, blank=True, help_text="Youngest age, in months.")
    max_age_months = models.PositiveIntegerField(null=True, blank=True, help_text="Oldest age, in months.")
    sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.ALL)
    sponsor = models.CharField(max_length=300, blank=True)
    central_contact = models.TextField(blank=True, help_text="Who to contact about the trial as a whole.")
    last_updated = models.DateField(null=True, blank=True, help_text="When the registry record last changed.")
    imported_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False, help_text="Demonstration content written by us, not a real trial.")

    # Editors' fields: imports never overwrite these.
    plain_title = models.CharField(max_length=300, blank=True, help_text="The trial's name in plain English.")
    plain_summary = models.TextField(
        blank=True, help_text="Two or three plain-English sentences. Without one, the registry's summary is shown."
    )
    what_it_involves = models.TextField(blank=True, help_text="What taking part means, in plain English.")
    key_eligibility = models.TextField(blank=True, help_text="Who can join, in plain English: one point per line.")
    who_can_refer = models.CharField(max_length=10, choices=Referral.choices, default=Referral.DOCTOR)
    how_to_take_part = models.TextField(blank=True, help_text="Leave blank for our standard advice.")

    EDITOR_FIELDS = (
        "plain_title",
        "plain_summary",
        "what_it_involves",
        "key_eligibility",
        "who_can_refer",
        "how_to_take_part",
        "cancer_types_checked",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("plain_title"),
                FieldPanel("plain_summary"),
                FieldPanel("what_it_involves"),
                FieldPanel("key_eligibility"),
                FieldPanel("who_can_refer"),
                FieldPanel("how_to_take_part"),
            ],
            heading="Plain English (written by editors, kept on import)",
        ),
        MultiFieldPanel(
            [FieldPanel("cancer_types"), FieldPanel("cancer_types_checked"), FieldPanel("is_cancer_trial")],
            heading="Cancer types",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("registry"), FieldPanel("registry_id")]),
                FieldPanel("registry_url"),
                FieldPanel("title"),
                FieldPanel("official_title"),
                FieldPanel("registry_summary"),
                FieldPanel("interventions"),
                FieldPanel("conditions"),
                FieldRowPanel([FieldPanel("phase"), FieldPanel("status"), FieldPanel("sex")]),
                FieldRowPanel([FieldPanel("min_age_months"), FieldPanel("max_age_months")]),
                FieldPanel("registry_eligibility"),
                FieldPanel("sponsor"),
                FieldPanel("central_contact"),
                FieldPanel("last_updated"),
                FieldPanel("is_demo"),
            ],
            heading="From the registry (replaced by the next import)",
        ),
        InlinePanel("sites", heading="Sites", label="Site"),
        InlinePanel("identifiers", heading="Other trial numbers", label="Trial number"),
    ]

    search_fields = [
        index.SearchField("plain_title", boost=3),
        index.SearchField("title", boost=2),
        index.SearchField("official_title"),
        index.SearchField("plain_summary"),
        index.SearchField("registry_summary"),
        index.SearchField("conditions", boost=2),
        index.SearchField("interventions"),
        index.SearchField("registry_id"),
        index.AutocompleteField("title"),
        index.FilterField("status"),
        index.FilterField("phase"),
        index.FilterField("is_cancer_trial"),
    ]

    class Meta:
        ordering = ["title"]
        # The finder filters on both; query them as `is_cancer_trial__in=[True]` so SQLite can use the index
        # (a bare boolean column in WHERE cannot).
        indexes = [models.Index(fields=["status", "is_cancer_trial"], name="trials_status_cancer_idx")]

    def __str__(self) -> str:
        return f"{self.display_title} ({self.registry_id})"

    @property
    def display_title(self) -> str:
        return self.plain_title or self.title

    @property
    def summary(self) -> str:
        return self.plain_summary or self.registry_summary

    @property
    def summary_from_registry(self) -> bool:
        return not self.plain_summary and bool(self.registry_summary)

    @property
    def is_recruiting(self) -> bool:
        return self.status == Status.RECRUITING

    @property
    def status_unconfirmed(self) -> bool:
        """The registry has not confirmed its status within the set time (freshness.py): shown as such."""
        return freshness.is_unconfirmed(self.status, self.last_updated)

    @property
    def age_range(self) -> str:
        return describe_age_range(self.min_age_months, self.max_age_months)

    @property
    def condition_list(self) -> list[str]:
        return [line.strip() for line in self.conditions.splitlines() if line.strip()]

    @property
    def intervention_list(self) -> list[str]:
        return [line.strip() for line in self.interventions.splitlines() if line.strip()]

    @property
    def key_eligibility_list(self) -> list[str]:
        return [line.strip(" -*•\t") for line in self.key_eligibility.splitlines() if line.strip(" -*•\t")]

    @property
    def other_registry_numbers(self) -> list[str]:
        """The trial's numbers in other registries (NCT or ISRCTN), besides its own."""
        return [identifier.value for identifier in self.identifiers.all() if identifier.url]

    @property
    def registry_records(self) -> list[tuple[str, str, str]]:
        """(number, registry name, link) for this trial's own number and each registry record it is also
        known by (a trial registered in two registries is one trial with both numbers)."""
        own_scheme = IdentifierScheme.NCT if self.registry_id.startswith("NCT") else ""
        own_scheme = IdentifierScheme.ISRCTN if self.registry_id.startswith("ISRCTN") else own_scheme
        records = []
        if own_scheme:
            url = IDENTIFIER_URLS[own_scheme].format(value=self.registry_id)
            records.append((self.registry_id, IdentifierScheme(own_scheme).label, url))
        elif self.registry_url:
            records.append((self.registry_id, self.get_registry_display(), self.registry_url))
        for identifier in self.identifiers.all():
            if identifier.url:
                records.append((identifier.value, identifier.get_scheme_display(), identifier.url))
        return records


class TrialSite(models.Model):
    """A hospital or clinic where a trial runs. Registry-owned: each import replaces a trial's sites."""

    trial = ParentalKey(Trial, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(max_length=300, blank=True)
    address = models.CharField(max_length=300, blank=True)
    city = models.CharField(max_length=120, blank=True)
    postcode = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=80, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    coordinates_source = models.CharField(
        max_length=20, choices=CoordinatesSource.choices, blank=True, default=CoordinatesSource.NONE
    )
    contact = models.TextField(blank=True, help_text="Name, phone number and email of the site's trial team.")
    recruiting_status = models.CharField(max_length=30, choices=Status.choices, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("postcode"), FieldPanel("country")]),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("contact"),
    ]

    class Meta:
        ordering = ["country", "city", "name"]
        indexes = [
            # The finder's bounding box: latitude range first, then longitude; the trial id covers the lookup.
            models.Index(fields=["latitude", "longitude", "trial"], name="trials_site_latlon_idx"),
            models.Index(fields=["trial", "latitude", "longitude"], name="trials_site_trial_latlon_idx"),
        ]

    def __str__(self) -> str:
        return ", ".join(part for part in (self.name, self.city, self.country) if part)

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.address, self.city, self.postcode, self.country) if part)


class TrialIdentifier(models.Model):
    """Another number the same trial is known by: its record in a second registry (an ISRCTN trial that is also
    on ClinicalTrials.gov), or a number such as EudraCT or IRAS that a registry record names.

    The trial's own `registry_id` (its URL) is not repeated here. Imports merge records through these numbers and
    rewrite the ones a registry's record names (`named_by`) each time that record is imported.
    """

    trial = ParentalKey(Trial, on_delete=models.CASCADE, related_name="identifiers")
    scheme = models.CharField(max_length=10, choices=IdentifierScheme.choices)
    value = models.CharField(max_length=40, help_text="For example NCT01234567 or ISRCTN12345678.")
    named_by = models.CharField(
        max_length=30,
        choices=Registry.choices,
        blank=True,
        help_text="The registry whose record gave this number; blank when an editor added it.",
    )

    panels = [FieldRowPanel([FieldPanel("scheme"), FieldPanel("value")])]

    class Meta:
        ordering = ["scheme", "value"]
        constraints = [models.UniqueConstraint(fields=["scheme", "value"], name="trials_identifier_unique")]
        indexes = [models.Index(fields=["value"], name="trials_identifier_value_idx")]

    def __str__(self) -> str:
        return self.value

    @property
    def url(self) -> str:
        template = IDENTIFIER_URLS.get(self.scheme)
        return template.format(value=self.value) if template else ""


class UnmappedCondition(models.Model):
    """A registry condition no cancer type matched: kept for an editor to map (or to mark as not a cancer type)."""

    name = models.CharField(max_length=300, unique=True, help_text="The condition as the registry wrote it.")
    looks_like_cancer = models.BooleanField(default=False, help_text="The words suggest a cancer.")
    trial_count = models.PositiveIntegerField(default=0, help_text="Trials that list it, at the last import.")
    example_trials = models.CharField(max_length=300, blank=True)
    mapped_to = models.ForeignKey(
        CancerType,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Choose a cancer type and the next import will use it.",
    )
    not_a_cancer_type = models.BooleanField(default=False, help_text="Tick when no cancer type fits.")
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name", read_only=True),
        FieldPanel("example_trials", read_only=True),
        FieldPanel("mapped_to"),
        FieldPanel("not_a_cancer_type"),
    ]

    class Meta:
        ordering = ["-looks_like_cancer", "-trial_count", "name"]
        verbose_name = "unmapped condition"

    def __str__(self) -> str:
        return self.name

    @property
    def reviewed(self) -> bool:
        return self.mapped_to_id is not None or self.not_a_cancer_type


class PostcodeDistrict(models.Model):
    """The centre of a UK postcode district (the outward code, such as SW1A or M1), for offline distance lookups."""

    outward_code = models.CharField(max_length=4, unique=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    town = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["outward_code"]

    def __str__(self) -> str:
        return self.outward_code


# Filled by views.py (the app's ready() imports it).
finder_views = PageViews("trial finder")


class TrialFinderPage(RoutablePageMixin, SearchWordsMixin, Page):
    """The clinical trials area: the finder at its own URL, each trial at <finder>/<registry id>/."""

    introduction = models.TextField(blank=True)
    take_part_advice = models.TextField(
        blank=True,
        default=(
            "Talk to your cancer specialist or nurse. Take this page with you. They know your medical history and "
            "can tell you whether the trial could be right for you, and contact the trial team."
        ),
        help_text="Shown under 'How to take part' on trial pages without advice of their own.",
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("take_part_advice")]
    parent_page_types = ["core.HomePage", "core.IndexPage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "trial finder"

    @path("")
    def finder(self, request):
        return finder_views.serve("finder", request, self)

    @re_path(rf"^(?P<registry_id>{REGISTRY_ID_PATTERN})/$")
    def trial(self, request, registry_id):
        return finder_views.serve("trial", request, self, registry_id)

    def trial_url(self, trial) -> str:
        return f"{self.url}{trial.registry_id}/"
