"""Printed publications: the catalogue page, publication records, generated PDFs, orders and their audit trail."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page
from wagtail.search import index

from cancerinfo.core.models import SearchWordsMixin
from cancerinfo.core.page_views import PageViews
from cancerinfo.taxonomy.models import CancerType

# Printed formats a reader can order (key, label, Publication field that says it is offered).
PRINT_FORMATS = [
    ("standard", "Standard print", "standard_print"),
    ("large-print", "Large print", "large_print"),
    ("easy-read", "Easy read", "easy_read"),
]
PRINT_FORMAT_LABELS = {key: label for key, label, _field in PRINT_FORMATS}

# Formats readers can filter the catalogue by (key, label).
CATALOGUE_FORMATS = [
    ("standard", "Standard print"),
    ("large-print", "Large print"),
    ("pdf", "PDF download"),
    ("audio", "Audio"),
    ("easy-read", "Easy read"),
]


# Filled by views.py (the app's ready() imports it).
catalogue_views = PageViews("publications catalogue")


class PublicationsPage(RoutablePageMixin, SearchWordsMixin, Page):
    """The catalogue of printed publications, the basket, the order form and the PDF downloads."""

    introduction = models.TextField(blank=True)
    ordering_note = models.TextField(
        blank=True,
        default="Our booklets are free. We post them anywhere in the UK.",
        help_text="Shown above the catalogue and on the basket page.",
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("ordering_note")]
    max_count = 1
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "publications catalogue"

    @path("")
    def catalogue(self, request):
        return catalogue_views.serve("catalogue", request, self)

    @path("basket/")
    def basket(self, request):
        return catalogue_views.serve("basket", request, self)

    @path("order/")
    def order(self, request):
        return catalogue_views.serve("order", request, self)

    @re_path(r"^order/(?P<reference>[A-Z0-9-]{1,20})/$")
    def confirmation(self, request, reference):
        return catalogue_views.serve("confirmation", request, self, reference)

    @re_path(r"^booklet/(?P<booklet_id>[0-9]{1,10})/$")
    def booklet_downloads(self, request, booklet_id):
        return catalogue_views.serve("booklet_downloads", request, self, int(booklet_id))

    @re_path(r"^booklet/(?P<booklet_id>[0-9]{1,10})/pdf/(?P<variant>standard|large-print)/$")
    def booklet_pdf(self, request, booklet_id, variant):
        return catalogue_views.serve("booklet_pdf", request, self, int(booklet_id), variant)

    @re_path(r"^(?P<code>[A-Za-z0-9-]{1,20})/$")
    def detail(self, request, code):
        return catalogue_views.serve("detail", request, self, code)

    def route_url(self, name: str, **kwargs) -> str:
        return self.url + self.reverse_subpage(name, kwargs=kwargs)


PUBLICATIONS_VERSION = "publications"  # moves when a publication is saved or deleted (delivery/versions.py)


class Publication(index.Indexed, models.Model):
    """One title we publish: a booklet (linked to its pages) or a standalone leaflet."""

    code = models.CharField(
        max_length=20,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9][A-Z0-9-]*$", "Use capital letters, digits and hyphens, e.g. CI-0001.")],
        help_text="Our stock code, e.g. CI-0001. Printed on the booklet and the packing slip.",
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True, max_length=600)
    booklet = models.ForeignKey(
        "booklets.BookletPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
        help_text="The booklet on this website. Leave empty for a standalone leaflet.",
    )
    edition_date = models.DateField(help_text="When this edition was printed.")
    standard_print = models.BooleanField(default=True)
    large_print = models.BooleanField(default=False)
    pdf = models.BooleanField("PDF download", default=True)
    easy_read = models.BooleanField(default=False)
    audio_url = models.URLField("audio link", blank=True, help_text="Link to a recording of the booklet, if any.")
    pdf_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For standalone leaflets: the PDF to download. Booklet PDFs are made from the booklet's pages.",
    )
    languages = models.CharField(max_length=200, default="English", help_text="Separate languages with commas.")
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty to use a generated cover.",
    )
    cancer_types = models.ManyToManyField(
        CancerType, blank=True, related_name="publications", help_text="For leaflets; booklets use their own."
    )
    stock_count = models.PositiveIntegerField(default=0, help_text="Printed copies in stock (all printed formats).")
    out_of_print = models.BooleanField(default=False, help_text="No more printed copies: only downloads are offered.")

    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("edition_date")]),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("booklet"),
        MultiFieldPanel(
            [
                FieldPanel("standard_print"),
                FieldPanel("large_print"),
                FieldPanel("easy_read"),
                FieldPanel("pdf"),
                FieldPanel("pdf_document"),
                FieldPanel("audio_url"),
                FieldPanel("languages"),
            ],
            heading="Formats",
        ),
        FieldPanel("cover_image"),
        FieldPanel("cancer_types"),
        FieldRowPanel([FieldPanel("stock_count"), FieldPanel("out_of_print")], heading="Stock"),
    ]

    search_fields = [index.SearchField("title"), index.SearchField("code"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return f"{self.title} ({self.code})"

    @property
    def edition_line(self) -> str:
        """The edition readers see: a booklet's own (kept on the booklet, shown on all its pages and its PDF), else
        the month this leaflet was printed."""
        if self.booklet_id and self.booklet and self.booklet.edition_line:
            return self.booklet.edition_line
        return self.edition_date.strftime("%B %Y")

    @property
    def print_formats(self) -> list[tuple[str, str]]:
        return [(key, label) for key, label, field in PRINT_FORMATS if getattr(self, field)]

    @property
    def in_stock(self) -> bool:
        return self.stock_count > 0

    @property
    def orderable(self) -> bool:
        return not self.out_of_print and self.in_stock and bool(self.print_formats)

    @property
    def has_pdf(self) -> bool:
        if not self.pdf:
            return False
        return self.booklet_id is not None or self.pdf_document_id is not None

    @property
    def language_list(self) -> list[str]:
        return [lang.strip() for lang in self.languages.split(",") if lang.strip()]

    def format_labels(self) -> list[str]:
        labels = [label for _key, label in self.print_formats]
        if self.has_pdf:
            labels.append("PDF")
        if self.audio_url:
            labels.append("Audio")
        return labels


class BookletPdf(models.Model):
    """A generated PDF of a booklet, kept for one version of its content (booklet and section revisions)."""

    VARIANT_STANDARD = "standard"
    VARIANT_LARGE_PRINT = "large-print"
    VARIANT_CHOICES = [(VARIANT_STANDARD, "Standard"), (VARIANT_LARGE_PRINT, "Large print")]

    booklet = models.ForeignKey("booklets.BookletPage", on_delete=models.CASCADE, related_name="+")
    variant = models.CharField(max_length=20, choices=VARIANT_CHOICES)
    content_key = models.CharField(max_length=64, help_text="Changes whenever the booklet or a section is published.")
    file = models.FileField(upload_to="publications/pdf/", max_length=255)
    page_count = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    generated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "booklet PDF"
        constraints = [
            models.UniqueConstraint(fields=["booklet", "variant", "content_key"], name="unique_booklet_pdf_version")
        ]

    def __str__(self):
        return f"{self.booklet_id} {self.variant} {self.content_key}"


class Order(models.Model):
    STATUS_NEW = "new"
    STATUS_PACKED = "packed"
    STATUS_DISPATCHED = "dispatched"
    STATUS_CANCELLED = "cancelled"
    STATUS_CHOICES = [
        (STATUS_NEW, "New"),
        (STATUS_PACKED, "Packed"),
        (STATUS_DISPATCHED, "Dispatched"),
        (STATUS_CANCELLED, "Cancelled"),
    ]
    # Which status may follow which.
    TRANSITIONS = {
        STATUS_NEW: {STATUS_PACKED, STATUS_CANCELLED},
        STATUS_PACKED: {STATUS_DISPATCHED, STATUS_NEW, STATUS_CANCELLED},
        STATUS_DISPATCHED: set(),
        STATUS_CANCELLED: set(),
    }

    reference = models.CharField(max_length=20, unique=True)
    submission_token = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=STATUS_NEW, db_index=True)
    is_professional = models.BooleanField(default=False)
    organisation = models.CharField(max_length=120, blank=True)
    job_role = models.CharField(max_length=80, blank=True)
    name = models.CharField(max_length=100, blank=True)
    address_line_1 = models.CharField(max_length=100, blank=True)
    address_line_2 = models.CharField(max_length=100, blank=True)
    town = models.CharField(max_length=60, blank=True)
    county = models.CharField(max_length=60, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    postcode_district = models.CharField(
        max_length=4, blank=True, help_text="The first half of the postcode, kept for reporting."
    )
    email = models.EmailField(max_length=254, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    address_purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [("fulfil_order", "Can see and fulfil publication orders")]

    def __str__(self):
        return self.reference

    @property
    def total_copies(self) -> int:
        return sum(line.quantity for line in self.lines.all())

    def address_lines(self) -> list[str]:
        parts = [self.name]
        if self.is_professional:
            parts += [self.job_role, self.organisation]
        parts += [self.address_line_1, self.address_line_2, self.town, self.county, self.postcode]
        return [part for part in parts if part]

    def can_become(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, set())


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    publication = models.ForeignKey(Publication, null=True, on_delete=models.SET_NULL, related_name="order_lines")
    # Copied from the publication when ordered, so the order still reads right if the record changes.
    code = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    format = models.CharField(max_length=20, choices=[(key, label) for key, label, _f in PRINT_FORMATS])
    quantity = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(50)])

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.quantity} × {self.code} ({self.format})"

    @property
    def format_label(self) -> str:
        return PRINT_FORMAT_LABELS.get(self.format, self.format)


class OrderEvent(models.Model):
    """Who did what to an order, and when: the fulfilment audit trail."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    detail = models.CharField(max_length=255, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.order_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    @property
    def actor(self) -> str:
        if self.user is None:
            return "System"
        return self.user.get_full_name() or self.user.get_username()
