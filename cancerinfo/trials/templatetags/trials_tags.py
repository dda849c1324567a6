"""{% booklet_trials_box %}: the recruiting trials box on a booklet's "Research – clinical trials" section."""

from django import template

from cancerinfo.trials import services

register = template.Library()


@register.inclusion_tag("trials/booklet_trials_box.html", takes_context=True)
def booklet_trials_box(context):
    """Shown on sections tagged with the Research topic (or with "clinical-trials" in their slug); a constant
    number of queries, whatever the number of trials."""
    page = context.get("page")
    if page is None or not services.is_research_section(page):
        return {"box": None}
    cancer_types = context.get("cancer_types")
    if cancer_types is None:
        booklet = context.get("booklet")
        cancer_types = list(booklet.cancer_types.all()) if booklet is not None else []
    return {"box": services.booklet_trials(list(cancer_types))}
