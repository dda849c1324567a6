"""Signed webhooks tell subscribed partners when a page they copy is published or withdrawn: through the background
worker, retried with backoff when the partner's server fails, never for a draft or a private page."""

import json
import time

import pytest
from wagtail.models import PageViewRestriction

from cancerinfo.api.webhooks import signing
from cancerinfo.api.webhooks.models import Delivery, SubscribedPage, Subscription
from cancerinfo.jobs import worker
from cancerinfo.questions.interface import QuestionPage

from .conftest import add_section, make_booklet, make_due, publish

pytestmark = pytest.mark.django_db
SECRET = "zzsecret"


@pytest.fixture
def question(site_tree):
    page = site_tree["questions"].add_child(
        instance=QuestionPage(title="Can I swim during radiotherapy?", short_answer="Sample content: often yes.")
    )
    return publish(page)


def events(receiver) -> list[dict]:
    return [json.loads(request["body"]) for request in receiver.received]


# --- Signatures ------------------------------------------------------------------------------------------------------


def test_a_signature_verifies_with_the_secret_and_fails_with_another_secret_or_an_altered_body():
    secret, body = signing.new_secret(), b'{"event": "page.published"}'
    header = signing.sign(secret, body)
    assert header.startswith("t=") and ",v1=" in header
    assert signing.verify(secret, header, body)
    assert not signing.verify(signing.new_secret(), header, body), "another secret"
    assert not signing.verify(secret, header, body.replace(b"published", b"unpublished")), "an altered body"
    assert not signing.verify(secret, "", body) and not signing.verify(secret, "t=1,v1=", body)


def test_an_old_signature_is_refused_so_a_replayed_event_is_refused():
    secret, body = signing.new_secret(), b"{}"
    old = signing.sign(secret, body, timestamp=int(time.time()) - 600)
    assert not signing.verify(secret, old, body)
    assert signing.verify(secret, old, body, tolerance=900)


# --- Events on publish and unpublish ----------------------------------------------------------------------------------


def test_publishing_sends_a_signed_event_the_partner_can_verify(
    receiver, subscription, question, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(question)
    (request,) = receiver.received
    body = request["body"]
    assert signing.verify(subscription.secret, request["headers"]["X-CancerInfo-Signature"], body)
    assert not signing.verify(signing.new_secret(), request["headers"]["X-CancerInfo-Signature"], body)
    event = json.loads(body)
    assert event["event"] == "page.published"
    assert event["page"] == {
        "id": question.pk,
        "type": "question",
        "title": "Can I swim during radiotherapy?",
        "url": question.get_full_url(),
        "api_url": f"http://localhost/api/v1/questions/{question.pk}/",
    }
    assert request["headers"]["X-CancerInfo-Event-Id"] == event["id"]
    assert request["headers"]["Content-Type"] == "application/json"
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (Delivery.DELIVERED, 1, 200)
    assert str(delivery.event_id) == event["id"]


def test_a_draft_save_enqueues_nothing(receiver, subscription, question, database_queue,
                                       django_capture_on_commit_callbacks):  # fmt: skip
    question.title = "A newer draft title"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        question.save_revision()
    assert callbacks == []
    assert not Delivery.objects.exists()
    assert not database_queue.filter(task_path__contains="webhooks").exists()
    assert receiver.received == []


def test_nothing_is_sent_on_the_request_path_the_worker_sends_it(
    receiver, subscription, question, database_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(question)
    assert receiver.received == [], "publishing only queues the delivery"
    assert Delivery.objects.get().status == Delivery.PENDING
    assert database_queue.filter(task_path__endswith="deliver_webhook", status="READY").count() == 1
    worker.run_waiting_jobs()
    assert len(receiver.received) == 1 and Delivery.objects.get().status == Delivery.DELIVERED


def test_unpublishing_sends_an_event_with_the_published_title_never_the_drafts(
    receiver, subscription, question, django_capture_on_commit_callbacks
):
    question.title = f"{SECRET} draft title"
    question.save_revision()
    with django_capture_on_commit_callbacks(execute=True):
        QuestionPage.objects.get(pk=question.pk).unpublish()
    (event,) = events(receiver)
    assert event["event"] == "page.unpublished"
    assert event["page"]["id"] == question.pk and event["page"]["title"] == "Can I swim during radiotherapy?"
    assert event["page"]["url"] == "", "a withdrawn page has no address to read"
    assert SECRET not in receiver.received[0]["body"].decode()


def test_private_and_draft_pages_send_nothing(receiver, subscription, site_tree, django_capture_on_commit_callbacks):
    private = make_booklet(site_tree["cancer-types"], f"{SECRET} private booklet", sections=0)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    withdrawn = make_booklet(site_tree["cancer-types"], f"{SECRET} withdrawn booklet", sections=0)
    section = add_section(withdrawn, f"{SECRET} section", live=False)
    withdrawn.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        publish(private)
        private.unpublish()
        publish(section)  # live, but its booklet is not published: not public
    assert receiver.received == [] and not Delivery.objects.exists()


def test_a_subscription_to_chosen_booklets_hears_of_them_and_their_sections_only(
    receiver, site_tree, question, django_capture_on_commit_callbacks
):
    chosen = make_booklet(site_tree["cancer-types"], "Understanding sample cancer", sections=1)
    other = make_booklet(site_tree["cancer-types"], "Understanding another cancer", sections=1)
    subscription = Subscription.objects.create(partner="Partner", url=receiver.url, scope=Subscription.CHOSEN)
    SubscribedPage.objects.create(subscription=subscription, page=chosen)
    Subscription.objects.create(partner="Switched off", url=receiver.url, active=False)
    with django_capture_on_commit_callbacks(execute=True):
        publish(chosen.get_children().first().specific)
        publish(other.get_children().first().specific)
        publish(question)
        publish(chosen)
    assert [(event["page"]["type"], event["page"]["id"]) for event in events(receiver)] == [
        ("section", chosen.get_children().first().pk),
        ("booklet", chosen.pk),
    ]


# --- Retries ---------------------------------------------------------------------------------------------------


def test_a_failed_delivery_is_retried_with_backoff_and_then_succeeds(
    receiver, subscription, question, database_queue, django_capture_on_commit_callbacks
):
    receiver.statuses = [503, 200]
    with django_capture_on_commit_callbacks(execute=True):
        publish(question)
    worker.run_waiting_jobs()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == (Delivery.PENDING, 1, 503)
    assert delivery.last_error.startswith("HTTP 503") and delivery.next_try_at is not None
    retry = database_queue.get(status="READY")
    assert retry.args_kwargs["kwargs"] == {"_attempt": 2}
    assert 50 <= (retry.run_after - delivery.created_at).total_seconds() <= 70, "the first retry waits about a minute"
    assert worker.run_waiting_jobs() == 0, "a retry waits for its time"

    make_due(database_queue)
    worker.run_waiting_jobs()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (Delivery.DELIVERED, 2, "")
    first, second = receiver.received
    assert first["body"] == second["body"], "the same event, byte for byte"
    assert first["headers"]["X-CancerInfo-Event-Id"] == second["headers"]["X-CancerInfo-Event-Id"]
    for request in (first, second):
        assert signing.verify(subscription.secret, request["headers"]["X-CancerInfo-Signature"], request["body"])


def test_a_server_that_is_down_is_retried_until_the_attempts_run_out(
    receiver, subscription, question, database_queue, django_capture_on_commit_callbacks, settings
):
    receiver.stop()  # nothing listens at the partner's address any more
    with django_capture_on_commit_callbacks(execute=True):
        publish(question)
    for _ in range(settings.WEBHOOK_ATTEMPTS + 2):
        make_due(database_queue)
        worker.run_waiting_jobs()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.FAILED, settings.WEBHOOK_ATTEMPTS)
    assert "ConnectionRefusedError" in delivery.last_error and delivery.next_try_at is None
    assert not database_queue.filter(status="READY").exists()


@pytest.mark.parametrize(("status", "retried"), [(400, False), (410, False), (408, True), (429, True), (500, True)])
def test_a_refusal_is_not_retried_but_a_timeout_or_too_many_requests_is(
    receiver, subscription, question, database_queue, django_capture_on_commit_callbacks, status, retried
):
    receiver.statuses = [status]
    with django_capture_on_commit_callbacks(execute=True):
        publish(question)
    worker.run_waiting_jobs()
    delivery = Delivery.objects.get()
    assert delivery.response_status == status
    assert delivery.status == (Delivery.PENDING if retried else Delivery.FAILED)
    assert database_queue.filter(status="READY").exists() is retried


def test_the_check_on_the_api_page_accepts_our_signature_and_refuses_others(client, site_tree):
    """The Python a partner copies from /api/#webhooks works: it is run here against a real signature."""
    import html
    import re

    page = client.get("/api/").content.decode()
    code = html.unescape(re.search(r"<pre[^>]*><code>(import hashlib.*?)</code></pre>", page, re.S).group(1))
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 (our own documentation's example)
    check = namespace["is_from_cancerinfo"]
    secret, body = signing.new_secret(), b'{"event": "page.unpublished"}'
    header = signing.sign(secret, body)
    assert check(secret, header, body) is True
    assert check(signing.new_secret(), header, body) is False
    assert check(secret, header, body + b" ") is False
    assert check(secret, signing.sign(secret, body, timestamp=int(time.time()) - 3600), body) is False
