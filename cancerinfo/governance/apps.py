from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "cancerinfo.governance"
    label = "governance"
    verbose_name = "Editorial governance"

    def ready(self):
        from .panels import add_readability_panels

        add_readability_panels()

        from wagtail.signals import page_published

        page_published.connect(_score_on_publish, dispatch_uid="governance_score_readability")


def _score_on_publish(sender, instance, **kwargs):
    """Publishing never fails because of the readability score: a problem is logged and the page goes live."""
    import logging

    from .scoring import score_page

    try:
        score_page(instance)
    except Exception:  # noqa: BLE001
        logging.getLogger(__name__).exception("Could not score the readability of page %s", instance.pk)
