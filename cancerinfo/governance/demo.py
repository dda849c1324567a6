"""Demo governance content: a "What's changed" log on each demo booklet and reading-age scores for the report.
Sample content written for this project. Safe to run again."""

import datetime

from . import readability
from .models import ChangeLogEntry
from .scoring import score_page

# (date, edition, summary): sample entries, the same for every demo booklet.
DEMO_CHANGES = [
    (
        datetime.date(2026, 3, 3),
        "3rd edition",
        "Sample content. We checked every section with a cancer doctor and a reader who has had cancer. "
        "We made the section on side effects shorter and clearer.",
    ),
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
        for date, edition, summary in DEMO_CHANGES:
            _entry, created = ChangeLogEntry.objects.get_or_create(
                booklet=booklet, date=date, defaults={"edition": edition, "summary": summary}
            )
            entries += created
    scored = 0
    for model in readability.scored_models():
        for page in model.objects.live().iterator(chunk_size=200):
            score_page(page)
            scored += 1
    stdout.write(f"Governance: {entries} What's changed entries added; {scored} pages scored for readability")
