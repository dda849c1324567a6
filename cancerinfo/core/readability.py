"""Readability scoring by opt-in: a page type people read as running text declares it, and names its text.

    class QuestionPage(ReadabilityScored, Page):
        readability_fields = ("short_answer", "detail")
        content_panels = Page.content_panels + [FieldPanel("short_answer"), FieldPanel("detail"), ReadabilityPanel()]

The app that scores pages (governance) finds every page type that declares ``ReadabilityScored``: it scores them on
publish and lists them in its report. It reads the fields the page names here, so it needs no field names of its own.
The editor's panel is listed in the page type's own panels; what it shows comes from the ``readability_panel``
Wagtail hook (governance/wagtail_hooks.py). So neither `core` nor the content apps import governance.
"""

from django.utils.html import format_html_join
from wagtail import hooks
from wagtail.admin.panels import Panel

READABILITY_PANEL_HOOK = "readability_panel"


class ReadabilityScored:
    """A page whose text is scored for reading age. ``readability_fields``: the fields readers read, in order."""

    readability_fields: tuple[str, ...] = ()

    def readability_values(self) -> list:
        return [getattr(self, name, None) for name in self.readability_fields]

    def readability_audience(self) -> str:
        """Who the text is written for ("easy_read" is scored by a stricter rule): the page's own audience, if it
        has one. A page whose audience is its parent's (a booklet's section) says so by overriding this."""
        return getattr(self, "audience", "") or ""


class ReadabilityPanel(Panel):
    """Reading age, long sentences and plainer words, shown to the editor. Each function registered for the
    ``readability_panel`` hook takes the page (or None for a page not saved yet) and returns the panel's HTML; with
    none registered (governance not installed), the panel is not shown."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Readability")
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "readability"

    class BoundPanel(Panel.BoundPanel):
        def is_shown(self):
            return bool(hooks.get_hooks(READABILITY_PANEL_HOOK)) and super().is_shown()

        def render_html(self, parent_context=None):
            renderers = hooks.get_hooks(READABILITY_PANEL_HOOK)
            return format_html_join("", "{}", ((render(self.instance),) for render in renderers))
