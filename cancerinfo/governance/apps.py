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
    from .scoring import score_page

    score_page(instance)
