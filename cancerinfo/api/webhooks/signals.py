"""Publishing and unpublishing pages makes events for partners; saving a draft does not. The event is worked out
now (what the page was), and the deliveries are written and queued once the publish commits: a rolled-back publish
tells nobody."""

from django.db import transaction
from wagtail.signals import page_published, page_unpublished


def on_page_change(page, event: str) -> None:
    from . import services, tasks

    found = services.page_event(page, event)
    if found is not None:
        transaction.on_commit(lambda: tasks.announce(found))


def _published(sender, instance, **kwargs) -> None:
    from .services import PUBLISHED

    on_page_change(instance, PUBLISHED)


def _unpublished(sender, instance, **kwargs) -> None:
    from .services import UNPUBLISHED

    on_page_change(instance, UNPUBLISHED)


def connect() -> None:
    page_published.connect(_published, dispatch_uid="webhooks-published")
    page_unpublished.connect(_unpublished, dispatch_uid="webhooks-unpublished")
