"""What else a question change touches (delivery/invalidation.py): the related-questions boxes on booklet sections
and the topic and cancer-type listings."""

from django.dispatch import receiver

from cancerinfo.delivery.invalidation import affected

from .services import QUESTIONS_VERSION


@receiver(affected)
def _question_changes(sender, page, **kwargs):
    from .models import QuestionPage

    return [QUESTIONS_VERSION] if isinstance(page, QuestionPage) else []
