"""What every part of the site shares: site settings, the home page, index pages, review dates and references."""

import datetime

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail_localize.fields import BaseTranslatableField

from .blocks import ContentStreamBlock, HeaderLinkBlock, NavigationLinkBlock, TrustStreamBlock
from .routing import FastRoutingMixin
from .wording import reader_text

REVIEW_INTERVAL_YEARS = 3
WELSH_HELP = "Welsh, shown on Welsh pages. Leave blank to show the English there too."


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    helpline_number = models.CharField(max_length=40, default="0808 157 0192")
    helpline_hours = models.CharField(
        max_length=200,
        default="Monday to Friday, 9am to 5pm",
        help_text="Shown under the number when no weekly opening hours are set (Helpline > Weekly opening hours).",
    )
    helpline_hours_cy = models.CharField("Helpline hours in Welsh", max_length=200, blank=True, help_text=WELSH_HELP)
    helpline_note = models.CharField(
        max_length=200,
        blank=True,
        default="Calls are free from landlines and mobiles.",
        help_text="Shown under the helpline number on the contact page.",
    )
    helpline_note_cy = models.CharField("Helpline note in Welsh", max_length=200, blank=True, help_text=WELSH_HELP)
    text_relay_number = models.CharField(
        max_length=60, blank=True, default="18001 0808 157 0192", help_text="Relay UK number for people who use text."
    )
    primary_navigation = StreamField([("link", NavigationLinkBlock())], blank=True)
    cancer_information_navigation = StreamField(
        [("link", NavigationLinkBlock())],
        blank=True,
        help_text="The areas shown under Cancer information (Specific cancers, treatments, A–Z, ...).",
    )
    footer_navigation = StreamField(
        [("link", NavigationLinkBlock())],
        blank=True,
        help_text="Links in every page's footer: about us, privacy notice, cookies, accessibility statement, terms.",
    )
    header_actions = StreamField(
        [("link", HeaderLinkBlock())],
        blank=True,
        help_text="Buttons shown in every page's header, also on phones: for example Ask a nurse and Donate.",
    )
    charity_name = models.CharField(max_length=200, blank=True, default="CancerInfo (sample charity)")
    charity_name_cy = models.CharField("Charity name in Welsh", max_length=200, blank=True, help_text=WELSH_HELP)
    charity_registration = models.CharField(
        max_length=200,
        blank=True,
        default="Registered charity in England and Wales (1234567, a sample number)",
        help_text="Shown in the footer of every page, for example: Registered charity in England and Wales (1234567).",
    )
    charity_registration_cy = models.CharField(
        "Charity registration in Welsh", max_length=200, blank=True, help_text=WELSH_HELP
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in the footer. Optional.",
    )
    footer_notice = models.CharField(
        max_length=200,
        blank=True,
        default="Demonstration content: not medical advice.",
        help_text="Shown in the footer of every page.",
    )
    footer_notice_cy = models.CharField("Footer notice in Welsh", max_length=200, blank=True, help_text=WELSH_HELP)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("helpline_number"),
                FieldPanel("helpline_hours"),
                FieldPanel("helpline_hours_cy"),
                FieldPanel("helpline_note"),
                FieldPanel("helpline_note_cy"),
                FieldPanel("text_relay_number"),
            ],
            heading="Helpline",
        ),
        FieldPanel("primary_navigation"),
        FieldPanel("cancer_information_navigation"),
        FieldPanel("header_actions"),
        MultiFieldPanel(
            [
                FieldPanel("charity_name"),
                FieldPanel("charity_name_cy"),
                FieldPanel("charity_registration"),
                FieldPanel("charity_registration_cy"),
                FieldPanel("logo"),
            ],
            heading="Charity",
        ),
        FieldPanel("footer_navigation"),
        FieldPanel("footer_notice"),
        FieldPanel("footer_notice_cy"),
    ]

    class Meta:
        verbose_name = "site settings"

    # The editors' words in the reader's language: the Welsh field on a Welsh page when filled in, else the English
    # (core/wording.py). The footer, the helpline hours and the printed outputs read these.
    reader_footer_notice = reader_text("footer_notice")
    reader_charity_name = reader_text("charity_name")
    reader_charity_registration = reader_text("charity_registration")
    reader_helpline_hours = reader_text("helpline_hours")
    reader_helpline_note = reader_text("helpline_note")

    @property
    def helpline_tel(self) -> str:
        return "".join(ch for ch in self.helpline_number if ch.isdigit() or ch == "+")


class ReviewDatesMixin(models.Model):
    """Health information carries the date it was checked and when it will be checked again."""

    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(
        null=True, blank=True, help_text=f"Leave blank for {REVIEW_INTERVAL_YEARS} years after the last review."
    )

    review_panels = [
        MultiFieldPanel([FieldPanel("last_reviewed"), FieldPanel("next_review_due")], heading="Review dates")
    ]
    # Each language's page is reviewed on its own (a Welsh page when its Welsh was checked): a translation starts
    # with the English dates but wagtail-localize does not copy them again each time the English is translated anew.
    override_translatable_fields = [
        BaseTranslatableField("last_reviewed"),
        BaseTranslatableField("next_review_due"),
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = add_years(self.last_reviewed, REVIEW_INTERVAL_YEARS)
        super().save(*args, **kwargs)

    @property
    def review_overdue(self) -> bool:
        return bool(self.next_review_due and self.next_review_due < timezone.localdate())


class SearchWordsMixin(models.Model):
    """Extra words that find the page in the site search, for words people use that the page does not."""

    search_words = models.CharField(
        max_length=500,
        blank=True,
        help_text="Other words people search for to find this page, separated by commas "
        "(for example on a donations page: donate, give money, fundraising). They count as much as the title.",
    )

    promote_panels = Page.promote_panels + [FieldPanel("search_words")]

    class Meta:
        abstract = True


class HomePage(FastRoutingMixin, SearchWordsMixin, Page):  # noqa: DJ008 (Page gives __str__)
    introduction = models.TextField(blank=True)
    body = StreamField(ContentStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from .services import home_page_sections

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = home_page_sections(self)
        return context


class IndexPage(SearchWordsMixin, Page):  # noqa: DJ008 (Page gives __str__)
    """An area of the site: an introduction, then a list of what it holds."""

    LISTING_CHILDREN = "children"
    LISTING_BOOKLETS = "booklets"
    LISTING_PROFESSIONAL = "professional"
    LISTING_CHOICES = [
        (LISTING_CHILDREN, "Pages inside this area"),
        (LISTING_BOOKLETS, "Every published booklet"),
        (LISTING_PROFESSIONAL, "Booklets for health professionals"),
    ]

    introduction = models.TextField(blank=True)
    body = StreamField(ContentStreamBlock(), blank=True)
    listing = models.CharField(max_length=20, choices=LISTING_CHOICES, default=LISTING_CHILDREN)
    links = StreamField(
        [("link", NavigationLinkBlock())], blank=True, help_text="Other pages to list here, in this order."
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("listing"),
        FieldPanel("links"),
    ]

    def get_context(self, request, *args, **kwargs):
        from .services import index_page_items

        context = super().get_context(request, *args, **kwargs)
        context["items"] = index_page_items(self)
        return context

    def cache_dependencies(self) -> tuple[str, ...]:
        """What this page shows beyond its own place in the tree: the delivery layer keeps a rendering of it only
        while these are unchanged (e.g. every published booklet, wherever it is)."""
        from .services import listing_dependencies

        return listing_dependencies(self.listing)


class ContentOptionsMixin(models.Model):
    """Switches editors have on a content page."""

    link_glossary_terms = models.BooleanField(
        default=True, help_text="Link the first use of each glossary word on this page to its definition."
    )

    option_panels = [FieldPanel("link_glossary_terms")]

    class Meta:
        abstract = True


class TrustPage(SearchWordsMixin, Page):  # noqa: DJ008 (Page gives __str__)
    """A page about the charity and how the site works: about us, privacy notice, cookies, accessibility, terms.
    Its text is the editors'; the privacy notice's table of personal data is drawn from the retention settings."""

    introduction = models.TextField(blank=True)
    body = StreamField(TrustStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    subpage_types: list[str] = []
