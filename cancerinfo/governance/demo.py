"""Demo governance content: a "What's changed" log on each demo booklet and reading-age scores for the report.
Sample content written for this project. Safe to run again."""

import datetime

from . import readability
from .models import ChangeLogEntry
from .scoring import score_page

# The current edition's entry takes its label and date from the booklet, which keeps its edition (every view of the
# booklet shows it from there); an earlier edition has its own. Sample entries, the same for every demo booklet.
CURRENT_EDITION_CHANGES = (
    "Sample content. We checked every section with a cancer doctor and a reader who has had cancer. "
    "We made the section on side effects shorter and clearer."
)
# (date, edition, summary)
EARLIER_CHANGES = [
    (
        datetime.date(2023, 2, 14),
        "2nd edition",
        "Sample content. We added a section about feelings and where to get support.",
    ),
]


def load(areas, stdout) -> None:
    from django.apps import apps

    try:
        BookletPage = apps.get_model("booklets", "BookletPage")
    except LookupError:
        return
    entries = 0
    for booklet in BookletPage.objects.all():
        changes = list(EARLIER_CHANGES)
        if booklet.edition and booklet.edition_date:
            changes.insert(0, (booklet.edition_date, booklet.edition, CURRENT_EDITION_CHANGES))
        for date, edition, summary in changes:
            # One entry per edition, moved to the edition's date if the booklet's has changed.
            _entry, created = ChangeLogEntry.objects.update_or_create(
                booklet=booklet, edition=edition, defaults={"date": date, "summary": summary}
            )
            entries += created
    scored = 0
    for model in readability.scored_models():
        for page in model.objects.live().iterator(chunk_size=200):
            score_page(page)
            scored += 1
    stdout.write(f"Governance: {entries} What's changed entries added; {scored} pages scored for readability")
