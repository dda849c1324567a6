"""The sign-up form: an e-mail address, a postcode (we keep only its district) and a cancer type."""

from django import forms

from cancerinfo.core.forms import AccessibleFormMixin
from cancerinfo.taxonomy.models import CancerType

POSTCODE_MESSAGE = "Enter a UK postcode, like LS1 4AP, or the first part of one, like LS1"
EMAIL_MESSAGE = "Enter your e-mail address, like name@example.com"


class AlertForm(AccessibleFormMixin, forms.Form):
    cancer = forms.ChoiceField(
        label="Type of cancer",
        error_messages={
            "required": "Choose the type of cancer the trials should be for",
            "invalid_choice": "Choose a type of cancer from the list",
        },
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=20,
        help_text="We keep only the first part, like LS1, to find trials near you",
        error_messages={"required": POSTCODE_MESSAGE, "max_length": POSTCODE_MESSAGE},
    )
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        help_text="We send a link to this address. Nothing starts until you open it",
        error_messages={"required": EMAIL_MESSAGE, "invalid": EMAIL_MESSAGE, "max_length": EMAIL_MESSAGE},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cancer_types = list(CancerType.objects.order_by("name").only("pk", "name", "slug"))
        self.cancer_types = {c.slug: c for c in cancer_types}
        self.fields["cancer"].choices = [("", "Choose a type of cancer")] + [(c.slug, c.name) for c in cancer_types]
        self.fields["postcode"].widget.attrs.update(
            {"class": "input--medium", "autocomplete": "postal-code", "spellcheck": "false"}
        )
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})

    def clean_cancer(self):
        return self.cancer_types[self.cleaned_data["cancer"]]

    def clean_postcode(self):
        from cancerinfo.trials.interface import PostcodeDistrict, PostcodeError, normalise_postcode

        try:
            district = normalise_postcode(self.cleaned_data["postcode"]).outward
        except PostcodeError:
            raise forms.ValidationError(POSTCODE_MESSAGE) from None
        if not PostcodeDistrict.objects.filter(outward_code=district).exists():
            raise forms.ValidationError(f"We cannot find the postcode area {district}. Check the postcode")
        return district
