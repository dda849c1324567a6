from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "cancerinfo.governance"
    label = "governance"
    verbose_name = "Editorial governance"

    def ready(self):
        from cancerinfo.core.outputs import STAFF, Output, register_output

        register_output(
            Output(
                "governance.review_reminder",
                "Pages due for review (to their owners)",
                "governance/email/review_reminder.txt",
                STAFF,
            )
        )

        from .boxes import register_boxes

        register_boxes()  # the boxes this app offers to other pages (core/boxes.py)

        from wagtail.signals import page_published

        page_published.connect(_score_on_publish, dispatch_uid="governance_score_readability")


def _score_on_publish(sender, instance, **kwargs):
    """Scored on the worker: publishing never waits for, or fails because of, it. The database queue is written in
    the publish's transaction, so a rolled-back publish scores nothing."""
    from cancerinfo.core.readability import ReadabilityScored

    from .tasks import score_page_readability

    if isinstance(instance, ReadabilityScored):
        score_page_readability.enqueue(instance.pk)
