"""The donate form: every field a stranger can send is checked here, with a message that says what to do."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from .amounts import format_pounds, parse_amount
from .models import FREQUENCY_CHOICES, HEARD_ABOUT_CHOICES, ONE_OFF
from .services import GIFT_AID_WORDING_VERSION, DonationDetails

OTHER = "other"
# UK postcodes (including GIR 0AA and the British Forces / overseas territory forms that follow the same shape).
_POSTCODE = re.compile(
    r"^(GIR0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y])\d[ABD-HJLNP-UW-Z]{2})$"
)
_NAME = re.compile(r"^[^\W\d_](?:[^\W\d_]|[ '.\-’])*$")
_HOUSE = re.compile(r"^[^\W_][\w ,'./\-’]*$")
_TITLE = re.compile(r"^[A-Za-z]{1,4}$")


def normalise_postcode(raw: str) -> str:
    """ "sw1a1aa" -> "SW1A 1AA"; raise ValidationError if it is not a UK postcode."""
    compact = re.sub(r"\s+", "", raw or "").upper()
    if not _POSTCODE.match(compact):
        raise ValidationError("Enter a real UK postcode, like SW1A 1AA")
    return f"{compact[:-3]} {compact[-3:]}"


def _text(label, max_length, required=False, **kwargs):
    return forms.CharField(label=label, max_length=max_length, required=required, strip=True, **kwargs)


class DonationForm(forms.Form):
    frequency = forms.ChoiceField(
        choices=FREQUENCY_CHOICES,
        widget=forms.HiddenInput,
        initial=ONE_OFF,
        error_messages={
            "required": "Choose to give once or monthly",
            "invalid_choice": "Choose to give once or monthly",
        },
    )
    amount = forms.ChoiceField(
        label="How much would you like to give?",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the amounts shown, or enter another amount"},
    )
    other_amount = forms.CharField(label="Other amount, in pounds", required=False, strip=True)
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address, so we can send your receipt",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    in_memory_of = _text("In memory of someone? Their name (optional)", 100)
    heard_about = forms.ChoiceField(
        label="How did you hear about us? (optional)",
        choices=HEARD_ABOUT_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Choose one of the answers in the list"},
    )

    gift_aid = forms.BooleanField(required=False)
    gift_aid_wording_version = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)
    gift_aid_past = forms.BooleanField(
        label="Also claim Gift Aid on donations I have made in the past 4 years", required=False
    )
    gift_aid_future = forms.BooleanField(label="Also claim Gift Aid on donations I make in the future", required=False)
    title = _text("Title (optional)", 4, help_text="For example Mr, Mrs, Ms, Mx or Dr")
    first_name = _text("First name", 35)
    last_name = _text("Last name", 35)
    house_name_or_number = _text("House name or number", 40)
    address = _text("Street and town (optional)", 200)
    postcode = _text("Postcode", 10)

    # Honeypot: hidden from people, filled in by some bots.
    website = forms.CharField(required=False, label="Leave this empty")

    GIFT_AID_FIELDS = [
        "gift_aid_past",
        "gift_aid_future",
        "title",
        "first_name",
        "last_name",
        "house_name_or_number",
        "address",
        "postcode",
    ]
    GIFT_AID_REQUIRED = {
        "first_name": "Enter your first name, so we can claim Gift Aid",
        "last_name": "Enter your last name, so we can claim Gift Aid",
        "house_name_or_number": "Enter your house name or number, so we can claim Gift Aid",
        "postcode": "Enter your home postcode, so we can claim Gift Aid",
    }

    def __init__(self, *args, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = list(suggestions)
        self.fields["amount"].choices = [(str(s.amount), format_pounds(s.amount)) for s in self.suggestions] + [
            (OTHER, "Other amount")
        ]
        self.amount_value: Decimal | None = None

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def clean_in_memory_of(self):
        value = self.cleaned_data["in_memory_of"]
        if value and not _NAME.match(value):
            raise ValidationError("Enter the name using letters, spaces, hyphens and apostrophes only")
        return value

    def clean(self):
        cleaned = super().clean()
        self._clean_amount(cleaned)
        if cleaned.get("gift_aid"):
            self._clean_gift_aid(cleaned)
        else:  # details typed and then unticked are not used, so they cannot be wrong
            for name in self.GIFT_AID_FIELDS:
                self._errors.pop(name, None)
                cleaned.pop(name, None)
        return cleaned

    def _clean_amount(self, cleaned):
        choice = cleaned.get("amount")
        other = (cleaned.get("other_amount") or "").strip()
        if "amount" in self.errors:
            return
        if choice == OTHER or (not choice and other):
            try:
                self.amount_value = parse_amount(other)
            except ValidationError as exc:
                message = "Enter the amount you want to give" if exc.code == "required" else exc.messages[0]
                self.add_error("other_amount", message)
        elif choice:
            if other:
                self.add_error("other_amount", "Choose “Other amount” to give the amount you typed, or delete it")
            else:
                try:  # suggestions are editable, so they obey the same limits as typed amounts
                    self.amount_value = parse_amount(choice)
                except ValidationError as exc:
                    self.add_error("amount", exc.messages[0])
        else:
            self.add_error("amount", "Choose an amount, or enter another amount")

    def _clean_gift_aid(self, cleaned):
        if cleaned.get("gift_aid_wording_version") != GIFT_AID_WORDING_VERSION:
            self.add_error(
                "gift_aid",
                "The Gift Aid declaration has changed since this page was opened. Read it again and tick the box",
            )
        for name, message in self.GIFT_AID_REQUIRED.items():
            if name in self.errors:
                continue
            if not cleaned.get(name):
                self.add_error(name, message)
        checks = [
            ("title", _TITLE, "Enter a title of up to 4 letters, like Mr, Mrs, Ms, Mx or Dr"),
            ("first_name", _NAME, "Enter your first name using letters, spaces, hyphens and apostrophes only"),
            ("last_name", _NAME, "Enter your last name using letters, spaces, hyphens and apostrophes only"),
            ("house_name_or_number", _HOUSE, "Enter your house name or number using letters and numbers"),
        ]
        for name, pattern, message in checks:
            value = cleaned.get(name)
            if value and name not in self.errors and not pattern.match(value):
                self.add_error(name, message)
        if cleaned.get("postcode") and "postcode" not in self.errors:
            try:
                cleaned["postcode"] = normalise_postcode(cleaned["postcode"])
            except ValidationError as exc:
                self.add_error("postcode", exc.messages[0])

    def details(self) -> DonationDetails:
        data = self.cleaned_data
        gift_aid = None
        if data.get("gift_aid"):
            gift_aid = {
                "title": data.get("title", ""),
                "first_name": data["first_name"],
                "last_name": data["last_name"],
                "house_name_or_number": data["house_name_or_number"],
                "address": data.get("address", ""),
                "postcode": data["postcode"],
                "past": data.get("gift_aid_past", False),
                "future": data.get("gift_aid_future", False),
            }
        return DonationDetails(
            frequency=data["frequency"],
            amount=self.amount_value,
            email=data["email"],
            in_memory_of=data.get("in_memory_of", ""),
            heard_about=data.get("heard_about", ""),
            gift_aid=gift_aid,
        )

    def error_list(self) -> list[tuple[str, str]]:
        """(field id, message) pairs for the error summary, in the order the fields appear."""
        items = [("", message) for message in self.non_field_errors()]
        for name, field in self.fields.items():
            for message in self.errors.get(name, []):
                bound = self[name]
                anchor = f"{bound.auto_id}_0" if isinstance(field.widget, forms.RadioSelect) else bound.auto_id
                items.append((anchor, message))
        return items
