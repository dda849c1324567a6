"""The boxes the trials finder offers to other pages (core/boxes.py): clinical trials recruiting now."""

from cancerinfo.core.boxes import Box, register, template_box

BOOKLET, SECTION = "booklets.BookletPage", "booklets.BookletSectionPage"


def recruiting_trials(context, page) -> dict:
    """Recruiting trials for the booklet's cancer types: a constant number of queries, whatever the number of
    trials."""
    from . import services

    cancer_types = context.get("cancer_types")
    if cancer_types is None:
        booklet = context.get("booklet") or page
        cancer_types = list(booklet.cancer_types.all()) if hasattr(booklet, "cancer_types") else []
    return {"box": services.booklet_trials(list(cancer_types))}


def register_boxes() -> None:
    from . import services

    register(
        Box(
            key="trials.recruiting_trials",
            label="Clinical trials recruiting now (trials near you)",
            page_types=(BOOKLET, SECTION),
            render=template_box("trials/booklet_trials_box.html", recruiting_trials),
            standard_for=(SECTION,),
            standard_when=services.is_research_section,
            standard_note=(
                f'on sections tagged "{services.RESEARCH_TOPIC_SLUG}" or with "{services.RESEARCH_SLUG_PART}" '
                "in their slug"
            ),
            order=40,
        )
    )
