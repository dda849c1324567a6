from django import forms

from .registry import kinds
from .services import MAX_QUERY_LENGTH, clean_query

MAX_PAGE = 1000


class SearchForm(forms.Form):
    """The search page's input. Anything a stranger sends is cleaned or ignored, never an error page."""

    q = forms.CharField(required=False, label="Search cancer information")
    type = forms.MultipleChoiceField(required=False, choices=lambda: list(kinds().items()), label="Type of information")
    closed = forms.BooleanField(required=False, label="Include trials that are closed or not updated for two years")
    cancer_type = forms.CharField(required=False, label="Cancer type")
    within = forms.CharField(required=False)
    page = forms.IntegerField(required=False, min_value=1)

    def clean_q(self) -> str:
        return clean_query(self.cleaned_data.get("q") or "")[:MAX_QUERY_LENGTH]

    def clean_cancer_type(self) -> str:
        value = (self.cleaned_data.get("cancer_type") or "")[:100]
        return value if value.replace("-", "").isalnum() else ""

    def clean_within(self) -> str:
        value = (self.cleaned_data.get("within") or "")[:300]
        return value if value.startswith("/") and "//" not in value else ""

    def clean_page(self) -> int:
        return min(self.cleaned_data.get("page") or 1, MAX_PAGE)


def read(params) -> dict:
    """Valid values from the query string; invalid ones fall back to defaults (bad page -> 1, unknown type -> all)."""
    data = params.copy()
    if "type" in data:
        known = kinds()
        data.setlist("type", [t for t in data.getlist("type") if t in known])
    form = SearchForm(data)
    form.is_valid()
    defaults = {"q": "", "type": [], "cancer_type": "", "within": "", "page": 1, "closed": False}
    cleaned = dict(defaults)
    cleaned.update({k: v for k, v in form.cleaned_data.items() if v not in (None,)})
    for field in form.errors:
        cleaned[field] = defaults[field]
    return cleaned
