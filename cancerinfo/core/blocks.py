"""StreamField blocks shared by every kind of content: what booklets and answers need, nothing more."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Talk to your doctor or nurse", max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "ul", "link"])

    class Meta:
        icon = "help"
        label = "Talk to your doctor or nurse"
        template = "core/blocks/callout.html"


class WarningBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Contact your hospital straight away if", max_length=120)
    text = blocks.RichTextBlock(features=["bold", "italic", "ul", "link"])

    class Meta:
        icon = "warning"
        label = "Urgent warning"
        template = "core/blocks/warning.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(max_length=250, help_text="Describe what the image shows for people who cannot see it.")
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "core/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=120, help_text="For example: Sam, who had treatment")

    class Meta:
        icon = "openquote"
        label = "Quote from a patient"
        template = "core/blocks/quote.html"


class KeyPointsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Key points", max_length=120)
    points = blocks.ListBlock(blocks.CharBlock(max_length=300))

    class Meta:
        icon = "list-ul"
        label = "Key points"
        template = "core/blocks/key_points.html"


class ContentStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="core/blocks/paragraph.html")
    callout = CalloutBlock()
    warning = WarningBlock()
    key_points = KeyPointsBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    table = TableBlock(template="core/blocks/table.html")


class ReferenceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=300)
    source = blocks.CharBlock(required=False, max_length=300, help_text="Journal, publisher or organisation.")
    year = blocks.IntegerBlock(required=False, min_value=1800, max_value=2100)
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "doc-full"
        template = "core/blocks/reference.html"


class ReferencesBlock(blocks.StreamBlock):
    reference = ReferenceBlock()


class NavigationLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock()
    label = blocks.CharBlock(required=False, max_length=60, help_text="Leave blank to use the page title.")

    class Meta:
        icon = "link"


class HeaderLinkBlock(NavigationLinkBlock):
    """A button in every page's header ("Ask a nurse", "Donate"): a page, or a part of a page's address below it."""

    subpage = blocks.RegexBlock(
        regex=r"^([a-z0-9-]+/)*$",
        required=False,
        max_length=100,
        help_text='Added to the page\'s address, e.g. "ask-a-nurse/" for the nurse form on the contact page.',
        error_messages={"invalid": 'Use lower-case words and hyphens, each ending in "/", e.g. ask-a-nurse/.'},
    )

    class Meta:
        icon = "link"


class PersonalDataBlock(blocks.StaticBlock):
    """The personal data the site keeps: what, why, who sees it and for how long, read from the retention settings
    the purge jobs use whenever the page is shown (core/personal_data.py)."""

    class Meta:
        icon = "lock"
        label = "Personal data we keep (from the retention settings)"
        admin_text = "Shows a table of each kind of personal data, with how long it is kept, from the site's settings."
        template = "core/blocks/personal_data.html"

    def get_context(self, value, parent_context=None):
        from .personal_data import registered

        context = super().get_context(value, parent_context=parent_context)
        context["kinds"] = registered()
        return context


class TrustStreamBlock(ContentStreamBlock):
    personal_data = PersonalDataBlock()
