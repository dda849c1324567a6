"""Forms strangers fill in: catalogue filters, the basket and the order form. Every field is checked."""

import re
import secrets

from django import forms
from django.core.exceptions import ValidationError

from .models import CATALOGUE_FORMATS, PRINT_FORMATS

PUBLIC_LIMIT = 5
PROFESSIONAL_LIMIT = 50

# A full UK postcode (outward and inward code), after removing spaces and upper-casing.
# Follows the Royal Mail format rules: which letters may sit in each position.
UK_POSTCODE = re.compile(
    r"^(?:GIR0AA|"
    r"(?:[A-PR-UWYZ][0-9]{1,2}"
    r"|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}"
    r"|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"
    r"[0-9][ABD-HJLNP-UW-Z]{2})$"
)
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def normalise_postcode(value: str) -> str | None:
    """'sw1a1aa' -> 'SW1A 1AA'; None when it is not a full UK postcode."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if not UK_POSTCODE.match(compact):
        return None
    return f"{compact[:-3]} {compact[-3:]}"


def postcode_district(postcode: str) -> str:
    return postcode.split(" ")[0] if postcode else ""


def no_control_characters(value: str) -> None:
    if CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError("Use letters, numbers and punctuation only, on one line.", code="control_characters")


class SingleLineField(forms.CharField):
    """A one-line text field with a plain-English message when it is too long or spans several lines."""

    def __init__(self, *, label: str, max_length: int, required: bool = True, **kwargs):
        super().__init__(
            label=label,
            max_length=max_length,
            required=required,
            validators=[no_control_characters],
            error_messages={
                "required": f"Enter your {label.lower()}",
                "max_length": f"{label} must be {max_length} characters or fewer",
            },
            **kwargs,
        )

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)  # let the server explain, rather than silently cutting text off
        return attrs

    def to_python(self, value):
        # Keep CR/LF for validation to reject (CharField strips only the ends).
        value = super().to_python(value)
        return re.sub(r"[ \t]+", " ", value) if value else value


class CatalogueFilterForm(forms.Form):
    cancer_type = forms.ChoiceField(label="Cancer type", required=False)
    format = forms.ChoiceField(label="Format", required=False, choices=[("", "Any format"), *CATALOGUE_FORMATS])

    def __init__(self, *args, cancer_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cancer_type"].choices = [("", "All cancer types")] + [(t.slug, t.name) for t in cancer_types]
        self.fields["cancer_type"].error_messages["invalid_choice"] = "Choose a cancer type from the list"
        self.fields["format"].error_messages["invalid_choice"] = "Choose a format from the list"


class AddToBasketForm(forms.Form):
    code = forms.CharField(max_length=20)
    format = forms.ChoiceField(
        label="Format",
        choices=[(key, label) for key, label, _field in PRINT_FORMATS],
        error_messages={"invalid_choice": "Choose a printed format", "required": "Choose a printed format"},
    )
    quantity = forms.IntegerField(
        label="Copies",
        min_value=1,
        max_value=PROFESSIONAL_LIMIT,
        initial=1,
        error_messages={
            "required": "Enter how many copies you would like",
            "invalid": "Enter the number of copies as a number, like 2",
            "min_value": "Enter at least 1 copy",
            "max_value": f"You can order up to {PROFESSIONAL_LIMIT} copies of a title",
        },
    )


class BasketLineForm(forms.Form):
    """One quantity box on the basket page; 0 removes the line."""

    quantity = forms.IntegerField(
        label="Copies",
        min_value=0,
        max_value=PROFESSIONAL_LIMIT,
        error_messages={
            "required": "Enter how many copies you would like, or 0 to remove the title",
            "invalid": "Enter the number of copies as a number, like 2",
            "min_value": "Enter 0 or more copies",
            "max_value": f"You can order up to {PROFESSIONAL_LIMIT} copies of a title",
        },
    )


class OrderForm(forms.Form):
    ORDERING_AS_PUBLIC = "public"
    ORDERING_AS_PROFESSIONAL = "professional"

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    ordering_as = forms.ChoiceField(
        label="Who are you ordering as?",
        widget=forms.RadioSelect,
        choices=[
            (ORDERING_AS_PUBLIC, f"For myself, family or friends (up to {PUBLIC_LIMIT} copies of each title)"),
            (
                ORDERING_AS_PROFESSIONAL,
                f"As a health or social care professional (up to {PROFESSIONAL_LIMIT} copies of each title)",
            ),
        ],
        initial=ORDERING_AS_PUBLIC,
        error_messages={
            "required": "Choose who you are ordering as",
            "invalid_choice": "Choose who you are ordering as",
        },
    )
    organisation = SingleLineField(label="Organisation", max_length=120, required=False)
    job_role = SingleLineField(label="Job role", max_length=80, required=False)
    name = SingleLineField(label="Full name", max_length=100)
    address_line_1 = SingleLineField(label="Address line 1", max_length=100)
    address_line_2 = SingleLineField(label="Address line 2", max_length=100, required=False)
    town = SingleLineField(label="Town or city", max_length=60)
    county = SingleLineField(label="County", max_length=60, required=False)
    postcode = SingleLineField(label="Postcode", max_length=10)
    email = forms.EmailField(
        label="Email address",
        required=False,
        max_length=254,
        help_text="We will email your order reference to this address.",
        error_messages={
            "invalid": "Enter an email address in the right format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )

    def __init__(self, *args, basket_lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.basket_lines = list(basket_lines)
        self.fields["address_line_1"].error_messages["required"] = "Enter the first line of your address"
        self.fields["town"].error_messages["required"] = "Enter your town or city"
        self.fields["email"].validators.append(no_control_characters)
        self.fields["email"].widget.attrs.update(autocomplete="email", spellcheck="false")
        self.fields["name"].widget.attrs.update(autocomplete="name")
        self.fields["address_line_1"].widget.attrs.update(autocomplete="address-line1")
        self.fields["address_line_2"].widget.attrs.update(autocomplete="address-line2")
        self.fields["town"].widget.attrs.update(autocomplete="address-level2")
        self.fields["postcode"].widget.attrs.update(autocomplete="postal-code", spellcheck="false")
        self.fields["organisation"].widget.attrs.update(autocomplete="organization")
        self.fields["job_role"].widget.attrs.update(autocomplete="organization-title")

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(24)

    def clean_postcode(self):
        value = self.cleaned_data["postcode"]
        postcode = normalise_postcode(value)
        if postcode is None:
            raise ValidationError("Enter a full UK postcode, like SW1A 1AA", code="postcode")
        return postcode

    def clean_token(self):
        token = self.cleaned_data["token"]
        if not re.fullmatch(r"[A-Za-z0-9_-]{16,64}", token):
            raise ValidationError("This form has expired. Check your details and send it again.", code="token")
        return token

    def clean(self):
        cleaned = super().clean()
        professional = cleaned.get("ordering_as") == self.ORDERING_AS_PROFESSIONAL
        if professional:
            if not cleaned.get("organisation") and "organisation" not in self.errors:
                self.add_error("organisation", "Enter the organisation you work for")
            if not cleaned.get("job_role") and "job_role" not in self.errors:
                self.add_error("job_role", "Enter your job role")
        if cleaned.get("ordering_as"):
            limit = PROFESSIONAL_LIMIT if professional else PUBLIC_LIMIT
            too_many = [line for line in self.basket_lines if line.quantity_for_title > limit]
            if too_many:
                titles = ", ".join(sorted({line.publication.title for line in too_many}))
                if professional:
                    message = f"You can order up to {limit} copies of each title. Reduce the copies of: {titles}"
                else:
                    message = (
                        f"You can order up to {limit} copies of each title. Reduce the copies of {titles} "
                        "in your basket, or order as a health or social care professional"
                    )
                self.add_error("ordering_as", message)
        return cleaned

    @property
    def is_professional(self) -> bool:
        return self.cleaned_data.get("ordering_as") == self.ORDERING_AS_PROFESSIONAL
