"""StreamField blocks shared by every kind of content: what booklets and answers need, nothing more."""

import re

from django.core.exceptions import ValidationError
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


# Easy read (docs/easy-read.md): one idea per block, a picture beside it, one or two short sentences.
EASY_READ_SENTENCE_WORDS = 15  # the longest sentence an idea may have; governance scores easy read by it too
EASY_READ_SENTENCES = 2
ALT_TEXT_REQUIRED = (
    "Describe the picture for people who cannot see it (alt text), for example: "
    '"A nurse giving a man a tablet". Every picture needs one.'
)
_IDEA_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_IDEA_WORD = re.compile(r"[^\W_][\w'’-]*")


def idea_sentences(text: str) -> list[str]:
    """An idea's sentences, one a line on the page: split at a full stop, question or exclamation mark, or a line
    break."""
    return [part.strip() for part in _IDEA_SENTENCE_END.split(text or "") if part.strip()]


def validate_idea_text(text: str) -> None:
    sentences = idea_sentences(text)
    if len(sentences) > EASY_READ_SENTENCES:
        raise ValidationError(
            f"An idea has one or two short sentences; this one has {len(sentences)}. Put the others in an idea "
            "of their own, with its own picture."
        )
    for sentence in sentences:
        words = len(_IDEA_WORD.findall(sentence))
        if words > EASY_READ_SENTENCE_WORDS:
            raise ValidationError(
                f'"{sentence}" has {words} words. Keep each sentence to {EASY_READ_SENTENCE_WORDS} words or fewer.'
            )


class AltTextBlock(blocks.CharBlock):
    """A picture's alt text: required, and the editor is told what to write when it is missing."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.field.error_messages = {**self.field.error_messages, "required": ALT_TEXT_REQUIRED}


class IdeaBlock(blocks.StructBlock):
    """Easy read: one idea, a picture on its left and one or two short sentences, each on a line of its own."""

    picture = ImageChooserBlock(help_text="A simple picture that shows the idea.")
    alt_text = AltTextBlock(max_length=250, help_text="What the picture shows, for people who cannot see it. Required.")
    text = blocks.TextBlock(
        max_length=300,
        validators=[validate_idea_text],
        help_text=f"One or two short sentences, at most {EASY_READ_SENTENCE_WORDS} words each. Each shows on a line "
        "of its own.",
    )

    class Meta:
        icon = "image"
        label = "Easy read idea (picture and words)"
        template = "core/blocks/idea.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["lines"] = idea_sentences(value.get("text"))
        return context


class ContentStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="core/blocks/paragraph.html")
    callout = CalloutBlock()
    warning = WarningBlock()
    key_points = KeyPointsBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    table = TableBlock(template="core/blocks/table.html")


class ReadingStreamBlock(ContentStreamBlock):
    """The text of pages that can have an easy-read version (booklets, their sections, answers): the content
    blocks and the easy-read idea."""

    idea = IdeaBlock()


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
