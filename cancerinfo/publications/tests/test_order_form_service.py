"""The order form as a plain service: one order per form token, the basket emptied, the problems put on the form."""

import pytest
from django.core import mail

from cancerinfo.publications import basket, orders
from cancerinfo.publications.forms import OrderForm
from cancerinfo.publications.models import Order

from .factories import make_publication

pytestmark = pytest.mark.django_db

ADDRESS = {
    "ordering_as": "public",
    "name": "Sam Taylor",
    "address_line_1": "1 High Street",
    "town": "Leeds",
    "postcode": "LS1 4AP",
    "email": "sam@example.org",
}


class Session(dict):
    modified = False


class Allowance:
    """A connection's allowance that counts what it records."""

    def __init__(self, blocked=False):
        self.is_blocked = blocked
        self.recorded = 0

    def as_service_sees_it(self):
        return orders.Allowance(blocked=lambda: self.is_blocked, record=self._record)

    def _record(self):
        self.recorded += 1


@pytest.fixture
def session():
    session = Session()
    basket.add(session, make_publication("CI-0001", "Understanding bone health", stock_count=10), "standard", 2)
    return session


def send(session, token, allowance=None, **fields):
    form = OrderForm({**ADDRESS, **fields, "token": token}, basket_lines=basket.lines(session))
    allowance = allowance or Allowance()
    attempt = orders.send_order_form(
        session, form, basket.lines(session), allowance.as_service_sees_it(), "https://example.org/publications/"
    )
    return attempt, form


def test_a_valid_form_places_one_order_empties_the_basket_and_sends_the_confirmation(session):
    allowance = Allowance()
    attempt, _form = send(session, orders.issue_token(session), allowance)
    order = Order.objects.get()
    assert attempt.order == order and [line.quantity for line in order.lines.all()] == [2]
    assert basket.count(session) == 0
    assert orders.placed_here(session, order.reference)
    assert allowance.recorded == 1
    assert [m.to for m in mail.outbox] == [["sam@example.org"]]


def test_a_form_sent_again_finds_the_first_order_instead_of_placing_another(session):
    token = orders.issue_token(session)
    first, _form = send(session, token)
    assert orders.order_sent_before(session, token) == first.order
    assert orders.order_sent_before(Session(), token) is None  # another browser is not shown it
    assert Order.objects.count() == 1


def test_a_token_this_session_never_issued_has_expired(session):
    attempt, form = send(session, "a-token-from-somewhere-else-123")
    assert attempt.order is None and attempt.status == 400
    assert "This form has expired" in " ".join(form.non_field_errors())
    assert Order.objects.count() == 0
    assert form.data["token"] in session[orders.ORDER_TOKENS_KEY]  # a fresh token for the next attempt


def test_an_empty_basket_is_not_ordered():
    session = Session()
    attempt, form = send(session, orders.issue_token(session))
    assert attempt.order is None
    assert "Your basket is empty" in " ".join(form.non_field_errors())


def test_a_blocked_connection_gets_429_and_no_order(session):
    allowance = Allowance(blocked=True)
    attempt, form = send(session, orders.issue_token(session), allowance)
    assert attempt.order is None and attempt.status == 429
    assert "from your connection today" in " ".join(form.non_field_errors())
    assert allowance.recorded == 0 and Order.objects.count() == 0
    assert basket.count(session) == 2


def test_a_line_that_cannot_be_sent_is_named_on_the_form(session):
    line = basket.lines(session)[0]
    line.publication.out_of_print = True
    line.publication.save()
    attempt, form = send(session, orders.issue_token(session))
    assert attempt.order is None
    assert "Understanding bone health: This title is out of print" in " ".join(form.non_field_errors())


def test_an_invalid_address_is_left_to_the_form_and_gets_a_fresh_token(session):
    token = orders.issue_token(session)
    attempt, form = send(session, token, name="")
    assert attempt.order is None and "name" in form.errors
    assert form.data["token"] != token and form.data["token"] in session[orders.ORDER_TOKENS_KEY]


def test_a_session_keeps_only_the_last_ten_tokens():
    session = Session()
    tokens = [orders.issue_token(session) for _ in range(12)]
    assert session[orders.ORDER_TOKENS_KEY] == tokens[-10:]
