"""The readability panel in the page editor: reading age, long sentences and plainer words, with the target.

It reads the page as the editor last saved it (the latest revision), so editors save a draft to see a new score."""

from wagtail.admin.panels import Panel

from . import readability


class ReadabilityPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Readability")
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "readability"

    class BoundPanel(Panel.BoundPanel):
        template_name = "governance/admin/readability_panel.html"

        def get_context_data(self, parent_context=None):
            from .models import ReadabilityException

            context = super().get_context_data(parent_context)
            page = self.instance
            context["result"] = readability.analyse_page(page) if page is not None else readability.Readability()
            context["exception"] = (
                ReadabilityException.objects.filter(page_id=page.pk).first() if page is not None and page.pk else None
            )
            context["page"] = page
            return context


def add_readability_panels() -> None:
    """Show the panel on every scored page type, below its content fields (no change to those apps' models)."""
    for model in readability.scored_models():
        panels = list(getattr(model, "content_panels", []))
        if any(isinstance(panel, ReadabilityPanel) for panel in panels):
            continue
        model.content_panels = panels + [ReadabilityPanel()]
