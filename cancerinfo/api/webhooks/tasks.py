"""The worker's side of webhooks: one job per delivery, retried with backoff (cancerinfo.jobs)."""

from django.conf import settings

from cancerinfo.jobs.registry import job

from . import services


@job(
    retries=settings.WEBHOOK_ATTEMPTS - 1,
    backoff=settings.WEBHOOK_RETRY_SECONDS,
    max_backoff=settings.WEBHOOK_RETRY_MAX_SECONDS,
)
def deliver_webhook(delivery_id: int) -> str:
    """Send a webhook to a partner"""
    return services.deliver(delivery_id)


def announce(event: dict) -> list[int]:
    """Write one delivery per subscription in scope and queue each for the worker. Returns their ids."""
    created = services.create_deliveries(event)
    for delivery_id in created:
        deliver_webhook.enqueue(delivery_id)
    return created
