"""The ask-a-nurse and contact forms, with spam protection that screen-reader users never meet (no CAPTCHA)."""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing

from cancerinfo.taxonomy.models import CancerType

from .models import ContactMessage, Enquiry

STAMP_SALT = "cancerinfo.enquiries.form-started"
CONSENT_WORDING_VERSION = "2026-11-v1"
MAX_QUESTION_LENGTH = 5000
MAX_MESSAGE_LENGTH = 5000
EMAIL_ERROR = "Enter an email address in the correct format, like name@example.com"


def consent_wording() -> str:
    months = max(1, round(settings.ENQUIRY_RETENTION_DAYS / 30.4))
    return (
        "I agree that CancerInfo's nurses can read and store the health information in my question, "
        f"so they can answer it. It is kept for {months} months after my question is closed, then deleted."
    )


def single_line(value: str) -> str:
    """Names go on one line: carriage returns, line feeds and other control characters become spaces."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())


def new_stamp() -> str:
    return signing.dumps(time.time(), salt=STAMP_SALT)


SUBJECT_MAX_LENGTH = 300
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


def ask_a_nurse_initial(params) -> dict:
    """What a link from elsewhere on the site writes into the ask-a-nurse form ("Ask a nurse about this trial"):
    `subject` starts the question (on one line, at most 300 characters); `cancer_type` (a slug) chooses the type."""
    initial = {}
    subject = single_line(params.get("subject", ""))[:SUBJECT_MAX_LENGTH]
    if subject:
        initial["question"] = f"My question is about: {subject}\n\n"
    slug = params.get("cancer_type", "")
    if SLUG.fullmatch(slug) and CancerType.objects.filter(slug=slug).exists():  # no NUL byte or the like reaches SQL
        initial["cancer_type"] = slug
    return initial


class SpamProtectedForm(forms.Form):
    """A honeypot field people never see, and a signed time stamp: forms sent too fast are from robots."""

    website = forms.CharField(required=False, label="Leave this empty", max_length=200)
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        if not self.is_bound:
            self.initial["started"] = new_stamp()

    def spam_reason(self) -> str | None:
        """Why this submission is spam (to discard silently), or None. Never looks at what the person wrote."""
        if self.data.get("website"):
            return "honeypot filled"
        try:
            started = float(signing.loads(self.data.get("started", ""), salt=STAMP_SALT, max_age=24 * 60 * 60))
        except (signing.BadSignature, TypeError, ValueError):
            return None  # handled by stamp_is_valid: the person is asked to send again
        if time.time() - started < settings.ENQUIRY_MIN_FILL_SECONDS:
            return "sent too fast"
        return None

    def stamp_is_valid(self) -> bool:
        try:
            signing.loads(self.data.get("started", ""), salt=STAMP_SALT, max_age=24 * 60 * 60)
        except (signing.BadSignature, TypeError, ValueError):
            return False
        return True

    def refresh_stamp(self) -> None:
        data = self.data.copy()
        data["started"] = new_stamp()
        self.data = data


class AskNurseForm(SpamProtectedForm):
    question = forms.CharField(
        label="Your question",
        help_text="Tell us as much as you are comfortable sharing. Please do not include your full name, address "
        "or NHS number.",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_QUESTION_LENGTH,
        error_messages={
            "required": "Enter your question",
            "max_length": f"Your question must be {MAX_QUESTION_LENGTH:,} characters or fewer",
        },
    )
    about = forms.ChoiceField(
        label="Who is the question about?",
        choices=Enquiry.About.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the question is about", "invalid_choice": "Select me or someone else"},
    )
    cancer_type = forms.ModelChoiceField(
        label="Type of cancer (optional)",
        queryset=CancerType.objects.all(),
        required=False,
        empty_label="Not sure, or I would rather not say",
        to_field_name="slug",
        error_messages={"invalid_choice": "Select a type of cancer from the list"},
    )
    first_name = forms.CharField(
        label="Your first name (optional)",
        help_text="So we know what to call you.",
        required=False,
        max_length=60,
        error_messages={"max_length": "Your first name must be 60 characters or fewer"},
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We will send our reply here. We only use it to answer you.",
        max_length=254,
        error_messages={"required": "Enter your email address", "invalid": EMAIL_ERROR, "max_length": EMAIL_ERROR},
    )
    consent = forms.BooleanField(
        label="I agree",
        required=True,
        error_messages={
            "required": "Tick the box to agree to us using your health information, so our nurses can answer you"
        },
    )

    field_order = ["question", "about", "cancer_type", "first_name", "email", "consent", "website", "started"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_wording()
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.fields["first_name"].widget.attrs.update({"autocomplete": "given-name"})

    def clean_question(self):
        question = self.cleaned_data["question"].strip()
        if not question:
            raise forms.ValidationError("Enter your question")
        return question

    def clean_first_name(self):
        return single_line(self.cleaned_data.get("first_name", ""))


class ContactForm(SpamProtectedForm):
    category = forms.ChoiceField(
        label="What is your message about?",
        choices=ContactMessage.Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what your message is about", "invalid_choice": "Select an option"},
    )
    message = forms.CharField(
        label="Your message",
        help_text="If you have a question about cancer or your health, please ask a nurse instead.",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_MESSAGE_LENGTH,
        error_messages={
            "required": "Enter your message",
            "max_length": f"Your message must be {MAX_MESSAGE_LENGTH:,} characters or fewer",
        },
    )
    name = forms.CharField(
        label="Your name (optional)",
        required=False,
        max_length=100,
        error_messages={"max_length": "Your name must be 100 characters or fewer"},
    )
    email = forms.EmailField(
        label="Email address",
        help_text="So we can reply to you.",
        max_length=254,
        error_messages={"required": "Enter your email address", "invalid": EMAIL_ERROR, "max_length": EMAIL_ERROR},
    )

    field_order = ["category", "message", "name", "email", "website", "started"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        self.fields["name"].widget.attrs.update({"autocomplete": "name"})

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError("Enter your message")
        return message

    def clean_name(self):
        return single_line(self.cleaned_data.get("name", ""))


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=20000,
        error_messages={"required": "Write your reply"},
    )
    linked_page = forms.IntegerField(required=False, widget=forms.HiddenInput)
    mark_answered = forms.BooleanField(required=False, initial=True, label="Mark the enquiry as answered")


class ExportEraseForm(forms.Form):
    email = forms.EmailField(label="The person's email address", error_messages={"invalid": EMAIL_ERROR})
    confirm = forms.BooleanField(required=False, label="I have checked this person's identity")
