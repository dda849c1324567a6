"""Publishing and unpublishing pages makes events for partners (services.on_page_change); saving a draft does not."""

from wagtail.signals import page_published, page_unpublished


def _published(sender, instance, **kwargs) -> None:
    from .services import PUBLISHED, on_page_change

    on_page_change(instance, PUBLISHED)


def _unpublished(sender, instance, **kwargs) -> None:
    from .services import UNPUBLISHED, on_page_change

    on_page_change(instance, UNPUBLISHED)


def connect() -> None:
    page_published.connect(_published, dispatch_uid="webhooks-published")
    page_unpublished.connect(_unpublished, dispatch_uid="webhooks-unpublished")
