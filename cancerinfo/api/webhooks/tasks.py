"""The worker's side of webhooks: one job per delivery, retried with backoff (cancerinfo.jobs)."""

from django.conf import settings

from cancerinfo.jobs.registry import job


@job(
    retries=settings.WEBHOOK_ATTEMPTS - 1,
    backoff=settings.WEBHOOK_RETRY_SECONDS,
    max_backoff=settings.WEBHOOK_RETRY_MAX_SECONDS,
)
def deliver_webhook(delivery_id: int) -> str:
    """Send a webhook to a partner"""
    from .services import deliver

    return deliver(delivery_id)
