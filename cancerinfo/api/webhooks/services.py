"""Events for partners: which page changes make one, who is told, and sending it.

A publish of a public booklet, section or question (api/resources.py's rules), or the unpublishing of one that was
public, makes one event. When the publish commits, one Delivery per active subscription whose scope covers the page
is written and queued for the background worker (`deliver_webhook`): nothing is sent on the request's path, and a
draft saved sends nothing. A subscription to chosen pages covers those pages, what is under them (a booklet's
sections) and what they are under (a section's booklet: a withdrawn booklet withdraws its sections).

The event names the live page (its published title, never a draft's): partners fetch the content from the API.
"""

import datetime
import json
import logging
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import F, Q
from django.utils import timezone
from wagtail.models import Page

from cancerinfo.jobs.registry import PermanentError, current_attempt
from cancerinfo.versions.models import Audience

from .. import resources
from . import client, signing
from .destinations import check_destination
from .models import Delivery, Subscription

logger = logging.getLogger(__name__)

PUBLISHED, UNPUBLISHED = "page.published", "page.unpublished"
RETRY_STATUSES = {408, 429}  # a 4xx worth trying again; any other 4xx is the partner refusing the event


class DeliveryFailed(Exception):
    """This attempt failed in a way that may pass (network, timeout, 5xx): the job is tried again."""


def _kind(page) -> str | None:
    from cancerinfo.booklets.interface import BookletPage, BookletSectionPage
    from cancerinfo.questions.interface import QuestionPage

    for model, kind in ((BookletPage, "booklet"), (BookletSectionPage, "section"), (QuestionPage, "question")):
        if isinstance(page, model):
            return kind
    return None


def _public_now(kind: str, pk: int) -> bool:
    queryset = {"booklet": resources.live_booklets, "section": resources.live_sections}.get(
        kind, resources.live_questions
    )()
    return queryset.filter(pk=pk).exists()


def _was_public(kind: str, page) -> bool:
    """An unpublished page was public if it is outside private areas and what it belongs to is still published."""
    model = type(page)
    if not model.objects.public().filter(pk=page.pk).exists():
        return False
    parent_path = page.path[: -Page.steplen]
    if kind == "section":
        return resources.live_booklets().filter(path=parent_path).exists()
    if kind == "question" and page.audience != Audience.PATIENTS:
        return resources.live_questions().filter(path=parent_path).exists()
    return True


def page_event(page, event: str) -> dict | None:
    """The event a publish or unpublish of `page` makes, or None when partners cannot have seen the page."""
    page = page.specific if type(page) is Page else page
    kind = _kind(page)
    if kind is None or not Subscription.objects.filter(active=True).exists():
        return None
    public = _public_now(kind, page.pk) if event == PUBLISHED else _was_public(kind, page)
    if not public:
        return None
    title = Page.objects.filter(pk=page.pk).values_list("title", flat=True).first()  # the live title, not a draft's
    _site_id, root_url, page_path = page.get_url_parts() or (None, "", "")
    return {
        "id": str(uuid.uuid4()),
        "event": event,
        "occurred_at": timezone.now().replace(microsecond=0),
        "page": {
            "id": page.pk,
            "type": kind,
            "title": title,
            "path": page.path,  # for matching scopes; not sent
            "url": f"{root_url}{page_path}" if event == PUBLISHED and root_url else "",
            "api_url": f"{root_url}{resources.API_ROOT}/{kind}s/{page.pk}/" if root_url else "",
        },
    }


def subscriptions_for(page_path: str):
    """Active subscriptions whose scope covers the page at `page_path`."""
    ancestors = [page_path[:end] for end in range(Page.steplen, len(page_path) + 1, Page.steplen)]
    covered = Q(scope=Subscription.EVERYTHING) | Q(
        scope=Subscription.CHOSEN, pk__in=Subscription.objects.filter(
            Q(pages__page__path__in=ancestors) | Q(pages__page__path__startswith=page_path)
        ).values("pk")
    )  # fmt: skip
    return Subscription.objects.filter(covered, active=True)


def body_of(event: dict) -> str:
    page = {key: value for key, value in event["page"].items() if key != "path"}
    return json.dumps({**event, "page": page}, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True)


def create_deliveries(event: dict) -> list[int]:
    """One Delivery per subscription that covers the page (once, however often it is called). Returns the new ids."""
    body = body_of(event)
    created = []
    for subscription in subscriptions_for(event["page"]["path"]):
        delivery, new = Delivery.objects.get_or_create(
            subscription=subscription,
            event_id=event["id"],
            defaults={"event": event["event"], "page_id": event["page"]["id"], "body": body},
        )
        if new:
            created.append(delivery.pk)
    return created


def _next_try(attempt: int) -> datetime.datetime:
    """About when the worker tries again (the job registry adds a little jitter)."""
    delay = min(settings.WEBHOOK_RETRY_MAX_SECONDS, settings.WEBHOOK_RETRY_SECONDS * 2 ** (attempt - 1))
    return timezone.now() + datetime.timedelta(seconds=delay)


def _record(delivery_id: int, **fields) -> None:
    Delivery.objects.filter(pk=delivery_id).update(**fields)


def deliver(delivery_id: int) -> str:
    """Send one delivery, signed now. Raises DeliveryFailed (tried again) or PermanentError (given up)."""
    delivery = Delivery.objects.select_related("subscription").filter(pk=delivery_id).first()
    if delivery is None:
        raise PermanentError(f"No webhook delivery {delivery_id}")
    if delivery.status != Delivery.PENDING:
        return f"already {delivery.status}"
    subscription = delivery.subscription
    if not subscription.active:
        _record(delivery_id, status=Delivery.FAILED, last_error="The subscription was switched off.", next_try_at=None)
        return "subscription switched off"
    attempt, most = current_attempt()
    _record(delivery_id, attempts=F("attempts") + 1)
    try:
        check_destination(subscription.url)
    except ValidationError as error:
        _record(delivery_id, status=Delivery.FAILED, last_error=" ".join(error.messages)[:500], next_try_at=None)
        raise PermanentError(f"Refused destination for delivery {delivery_id}") from error
    body = delivery.body.encode()
    headers = {
        signing.HEADER: signing.sign(subscription.secret, body),
        "X-CancerInfo-Event": delivery.event,
        "X-CancerInfo-Event-Id": str(delivery.event_id),
        "X-CancerInfo-Delivery": str(delivery.pk),
    }
    status, error = client.post(subscription.url, body, headers)
    if status is not None and 200 <= status < 300:
        _record(
            delivery_id, status=Delivery.DELIVERED, response_status=status, delivered_at=timezone.now(),
            last_error="", next_try_at=None,
        )  # fmt: skip
        return f"delivered ({status})"
    error = error or f"HTTP {status}"
    if status is not None and 300 <= status < 500 and status not in RETRY_STATUSES:
        _record(delivery_id, status=Delivery.FAILED, response_status=status, last_error=error, next_try_at=None)
        raise PermanentError(f"Webhook delivery {delivery_id} refused: {error}")
    if attempt >= most:
        _record(delivery_id, status=Delivery.FAILED, response_status=status, last_error=error, next_try_at=None)
    else:
        _record(delivery_id, response_status=status, last_error=error, next_try_at=_next_try(attempt))
    raise DeliveryFailed(f"Webhook delivery {delivery_id}, attempt {attempt} of {most}: {error}")
