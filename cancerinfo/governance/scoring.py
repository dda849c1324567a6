"""Keep ReadabilityScore up to date: on publish (hook and signal) and in bulk (score_readability)."""

from django.utils import timezone

from . import readability
from .models import ReadabilityScore


def score_page(page) -> ReadabilityScore | None:
    page = page.specific
    if type(page) not in readability.scored_models():
        return None
    result = readability.analyse_page(page)
    score, _ = ReadabilityScore.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "reading_age": result.reading_age,
            "grade": result.grade,
            "words": result.words,
            "long_sentences": len(result.long_sentences),
            "plainer_words": sum(hint.count for hint in result.plainer_words),
            "scored_at": timezone.now(),
        },
    )
    return score
