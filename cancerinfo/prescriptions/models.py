"""Information prescriptions (a short link to a chosen list of pages, no personal data), the Health professionals
area page with its prescription builder, and links from patient booklets to their professional versions."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from cancerinfo.core.models import SearchWordsMixin

# 32 symbols with no look-alikes (no 0/O, 1/I/L... 0, 1, I and O are left out): 5 bits each.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 12  # 12 x 5 = 60 bits
CODE_GROUP = 4
NOTE_MAX_LENGTH = 500


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """What a person typed or a link held, as stored: upper case, without dashes or spaces."""
    return "".join(ch for ch in (raw or "").upper() if ch not in "- ")


def display_code(code: str) -> str:
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "PRESCRIPTION_LIFETIME_DAYS", 365))


class HealthProfessional(models.Model):
    """A health professional who proved an e-mail address on an allowed domain (see professionals.py). Only such
    accounts may write a note on a prescription; the note is shown with this name and job title."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="health_professional")
    name = models.CharField(max_length=100)
    job_title = models.CharField(max_length=100)
    email_verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "health professional"

    def __str__(self):
        return f"{self.name}, {self.job_title}"


class PrescriptionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class Prescription(models.Model):
    """A list of pages chosen by a health professional for a patient. Holds no patient data: no patient name,
    identifier or contact details. A note is only ever written by a verified professional, whose name and job title
    are kept with it (as they were when written) so the patient knows who wrote it; the revoke link is kept as a hash.
    The PDF is made once and kept (pdf, pdf_key) until what it shows changes."""

    code = models.CharField(max_length=CODE_LENGTH, unique=True, editable=False)
    revoke_token_hash = models.CharField(max_length=64, editable=False)
    items = models.JSONField(default=list, help_text='Chosen items in order, as ["kind", id] pairs.')
    note = models.TextField(max_length=NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(
        HealthProfessional, null=True, blank=True, on_delete=models.SET_NULL, related_name="prescriptions"
    )
    author_name = models.CharField(max_length=100, blank=True)
    author_job_title = models.CharField(max_length=100, blank=True)
    pdf = models.FileField(upload_to="prescriptions/pdf/", blank=True, max_length=255)
    pdf_key = models.CharField(max_length=64, blank=True, help_text="What the stored PDF was made from, hashed.")

    objects = PrescriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Prescription {self.display_code}"

    def get_absolute_url(self) -> str:
        return f"/p/{self.display_code}/"

    @property
    def display_code(self) -> str:
        return display_code(self.code)

    @property
    def is_available(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def check_revoke_token(self, token: str) -> bool:
        return secrets.compare_digest(hash_token(token or ""), self.revoke_token_hash)

    @classmethod
    def create(cls, items, note: str = "", author: HealthProfessional | None = None) -> tuple["Prescription", str]:
        """Make a prescription with a fresh unique code; return it and its revoke token (shown once, not stored).
        A note needs a verified author: without one it is dropped."""
        token = secrets.token_urlsafe(32)
        now = timezone.now()
        for _ in range(10):
            code = new_code()
            if not cls.objects.filter(code=code).exists():
                break
        else:  # pragma: no cover - 2**60 codes
            raise RuntimeError("Could not find a free prescription code")
        prescription = cls.objects.create(
            code=code,
            revoke_token_hash=hash_token(token),
            items=[list(item) for item in items],
            note=note if author is not None else "",
            author=author,
            author_name=author.name if author else "",
            author_job_title=author.job_title if author else "",
            created_at=now,
            expires_at=now + lifetime(),
        )
        return prescription, token


@register_snippet
class ProfessionalVersion(models.Model):
    """Pairs a patient booklet with its version for health professionals: the booklets show a switch between them."""

    patient_booklet = models.OneToOneField(
        "booklets.BookletPage", on_delete=models.CASCADE, related_name="professional_version_link"
    )
    professional_booklet = models.OneToOneField(
        "booklets.BookletPage", on_delete=models.CASCADE, related_name="patient_version_link"
    )

    panels = [FieldPanel("patient_booklet"), FieldPanel("professional_booklet")]

    class Meta:
        verbose_name = "professional version of a booklet"

    def __str__(self):
        return f"{self.patient_booklet} → {self.professional_booklet}"

    def clean(self):
        from cancerinfo.booklets.interface import BookletPage

        if self.patient_booklet_id and self.patient_booklet_id == self.professional_booklet_id:
            raise ValidationError("Choose two different booklets.")
        if self.professional_booklet_id and self.professional_booklet.audience != BookletPage.AUDIENCE_PROFESSIONALS:
            raise ValidationError({"professional_booklet": "This booklet's audience is not health professionals."})


PAIRS_CACHE_KEY = "prescriptions:paired-booklets"


def paired_booklet_ids() -> frozenset:
    """Ids of every booklet that has a patient or professional counterpart (cached; cleared when pairs change), so
    booklets without one cost no query."""
    from django.core.cache import cache

    ids = cache.get(PAIRS_CACHE_KEY)
    if ids is None:
        pairs = ProfessionalVersion.objects.values_list("patient_booklet_id", "professional_booklet_id")
        ids = frozenset(pk for pair in pairs for pk in pair)
        cache.set(PAIRS_CACHE_KEY, ids, 3600)
    return ids


PAIRS_VERSION = "booklet-pairs"


@receiver([post_save, post_delete], sender=ProfessionalVersion)
def _forget_pairs(**kwargs):
    from django.core.cache import cache

    from cancerinfo.core import versions

    cache.delete(PAIRS_CACHE_KEY)
    versions.bump(PAIRS_VERSION, versions.CONTENT)  # the switch may appear on (or leave) any booklet's pages


class HealthProfessionalsPage(RoutablePageMixin, SearchWordsMixin, Page):
    """The Health professionals area: professional booklets, bulk ordering, referring to the nurses, and the
    information prescription builder at prescription/."""

    introduction = models.TextField(blank=True)
    content_panels = Page.content_panels + [FieldPanel("introduction")]
    max_count = 1

    class Meta:
        verbose_name = "health professionals page"

    @path("")
    def landing(self, request):
        from cancerinfo.booklets.interface import BookletPage
        from cancerinfo.questions.interface import professional_question_links

        context = self.get_context(request)
        context["booklets"] = (
            BookletPage.objects.live().public().filter(audience=BookletPage.AUDIENCE_PROFESSIONALS).order_by("title")
        )
        context["professional_questions"] = professional_question_links(request)
        return TemplateResponse(request, "prescriptions/health_professionals_page.html", context)

    @path("prescription/")
    def builder(self, request):
        from .views import builder

        return builder(request, self)

    @path("prescription/created/")
    def created(self, request):
        from .views import created

        return created(request, self)

    @path("sign-in/")
    def sign_in(self, request):
        from .views import sign_in

        return sign_in(request, self)

    @path("sign-in/confirm/")
    def sign_in_confirm(self, request):
        from .views import sign_in_confirm

        return sign_in_confirm(request, self)

    @path("sign-out/")
    def sign_out(self, request):
        from .views import sign_out

        return sign_out(request, self)
