"""The finder's filters: everything comes from the URL, every value is checked, and each problem gets a message."""

from django import forms

from cancerinfo.core.forms import AccessibleFormMixin
from cancerinfo.core.text import clean_query
from cancerinfo.taxonomy.models import CancerType

from .choices import DEFAULT_STATUS_FILTER, DEFAULT_WHERE_FILTER, PHASE_FILTERS, STATUS_FILTERS, WHERE_FILTERS
from .finder_table import locate
from .postcodes import MALFORMED_MESSAGE, PostcodeError

DISTANCE_CHOICES = [
    ("", "Any distance"),
    ("10", "Within 10 miles"),
    ("25", "Within 25 miles"),
    ("50", "Within 50 miles"),
    ("100", "Within 100 miles"),
    ("200", "Within 200 miles"),
]
MAX_AGE = 120
AGE_MESSAGE = "Enter your age in whole years, like 45"


class TrialFinderForm(AccessibleFormMixin, forms.Form):
    cancer = forms.ChoiceField(
        label="Type of cancer",
        required=False,
        error_messages={"invalid_choice": "Choose a type of cancer from the list"},
    )
    status = forms.ChoiceField(
        label="Recruiting status",
        required=False,
        choices=[(key, label) for key, (label, _) in STATUS_FILTERS.items()],
        error_messages={"invalid_choice": "Choose a recruiting status from the list"},
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=40,
        strip=False,
        help_text="A UK postcode, like SW1A 1AA, or the first part of one, like M1",
        error_messages={"max_length": MALFORMED_MESSAGE},
    )
    distance = forms.ChoiceField(
        label="Distance",
        required=False,
        choices=DISTANCE_CHOICES,
        error_messages={"invalid_choice": "Choose a distance from the list"},
    )
    where = forms.ChoiceField(
        label="Where",
        required=False,
        choices=list(WHERE_FILTERS.items()),
        error_messages={"invalid_choice": "Choose where the trial takes place from the list"},
    )

    age = forms.CharField(
        label="Age",
        required=False,
        max_length=20,
        help_text="In years. We show trials that take people your age",
        error_messages={"max_length": AGE_MESSAGE},
    )
    phase = forms.ChoiceField(
        label="Trial phase",
        required=False,
        choices=[("", "Any phase")] + [(key, label) for key, (label, _) in PHASE_FILTERS.items()],
        error_messages={"invalid_choice": "Choose a trial phase from the list"},
    )
    q = forms.CharField(
        label="Words to search for",
        required=False,
        max_length=400,
        help_text="For example the name of a treatment, or leave it blank",
        error_messages={"max_length": "Use fewer words: up to 200 letters"},
    )

    def __init__(self, *args, cancer_types=None, **kwargs):
        super().__init__(*args, **kwargs)
        if cancer_types is None:
            cancer_types = CancerType.objects.order_by("name")
        self.cancer_types = {c.slug: c for c in cancer_types}
        self.fields["cancer"].choices = [("", "Any type of cancer")] + [(c.slug, c.name) for c in cancer_types]
        self.fields["age"].widget.attrs.update({"inputmode": "numeric", "class": "input--short", "autocomplete": "off"})
        self.fields["postcode"].widget.attrs.update({"class": "input--medium", "autocomplete": "postal-code"})
        self.fields["q"].widget.input_type = "search"

    def clean_q(self):
        return clean_query(self.cleaned_data.get("q") or "")

    def clean_cancer(self):
        slug = self.cleaned_data.get("cancer")
        return self.cancer_types.get(slug) if slug else None

    def clean_status(self):
        return self.cleaned_data.get("status") or DEFAULT_STATUS_FILTER

    def clean_where(self):
        return self.cleaned_data.get("where") or DEFAULT_WHERE_FILTER

    def clean_age(self):
        raw = (self.cleaned_data.get("age") or "").strip()
        if not raw:
            return None
        if not raw.isdigit():
            raise forms.ValidationError(AGE_MESSAGE)
        age = int(raw)
        if age > MAX_AGE:
            raise forms.ValidationError(f"Enter an age from 0 to {MAX_AGE}")
        return age

    def clean_postcode(self):
        raw = self.cleaned_data.get("postcode") or ""
        if not raw.strip():
            return None
        try:
            return locate(raw)
        except PostcodeError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_distance(self):
        value = self.cleaned_data.get("distance")
        return int(value) if value else None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("distance") and not cleaned.get("postcode") and "postcode" not in self.errors:
            self.add_error("postcode", f"Enter a postcode to find trials within {cleaned['distance']} miles")
        return cleaned

    def value(self, name, default=None):
        """A cleaned value when that field is valid, else the default: one bad filter never blocks the others."""
        if name in self.errors:
            return default
        return getattr(self, "cleaned_data", {}).get(name, default)
