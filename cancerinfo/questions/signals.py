"""What else a question change touches (delivery/invalidation.py): the related-questions boxes on booklet sections
and the topic and cancer-type listings; and a question's versions, recorded as it is saved."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page

from cancerinfo.delivery.invalidation import affected
from cancerinfo.versions.models import Audience, ContentVersion

from .services import QUESTIONS_VERSION


@receiver(affected)
def _question_changes(sender, page, **kwargs):
    from .models import QuestionPage

    return [QUESTIONS_VERSION] if isinstance(page, QuestionPage) else []


@receiver(post_save, sender="questions.QuestionPage")
def _record_version(sender, instance, raw=False, **kwargs):
    """A question written for another audience, under a question, is that question's version (versions app)."""
    from .models import QuestionPage

    if raw or instance.audience == Audience.PATIENTS or not instance.path:
        return
    parent = Page.objects.filter(path=instance.path[: -Page.steplen]).only("id", "content_type_id").first()
    if parent is None or parent.specific_class is not QuestionPage:
        return
    ContentVersion.objects.update_or_create(
        original_id=parent.pk, audience=instance.audience, language="", defaults={"version_id": instance.pk}
    )
