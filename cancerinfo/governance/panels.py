"""The readability panel in the page editor: reading age, long sentences and plainer words, with the target.

The panel itself is core's (`core.readability.ReadabilityPanel`), listed by each scored page type; this is what it
shows, given through the `readability_panel` hook (wagtail_hooks.py). It reads the page as the editor last saved it
(the latest revision), so editors save a draft to see a new score."""

from django.template.loader import render_to_string

from . import readability


def render_readability_panel(page) -> str:
    from .models import ReadabilityException

    context = {
        "result": readability.analyse_page(page) if page is not None else readability.Readability(),
        "exception": ReadabilityException.objects.filter(page_id=page.pk).first()
        if page is not None and page.pk
        else None,
        "page": page,
    }
    return render_to_string("governance/admin/readability_panel.html", context)
