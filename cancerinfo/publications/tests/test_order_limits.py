"""Free copies cannot be drained: limits per client address, per postal address and per postcode each day, repeats
of an order caught, and addresses purged on a schedule whatever state the order is in."""

import datetime

import pytest
from django.utils import timezone

from cancerinfo.publications.models import Order, Publication
from cancerinfo.publications.orders import purge_addresses

from .factories import catalogue, make_publication
from .test_order_journey import GOOD_ADDRESS, add, order_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(site_tree):
    page = catalogue(site_tree)
    make_publication("CI-0001", "Understanding bone health", stock_count=750)
    make_publication("CI-0002", "Eating well", stock_count=750)
    return page


def send_order(client, page, code="CI-0001", quantity=5, address=None, **extra):
    """One order from a fresh browser (no cookies), as a script draining stock would send it."""
    client.cookies.clear()
    add(client, page, code, quantity)
    _response, token = order_page(client, page)
    return client.post(page.url + "order/", {**GOOD_ADDRESS, **(address or {}), "token": token}, **extra)


def stock(code="CI-0001") -> int:
    return Publication.objects.get(code=code).stock_count


def test_the_same_order_to_the_same_address_is_placed_once(client, shop):
    assert send_order(client, shop).status_code == 302
    # The same items again, the street written differently: caught, and no stock is taken.
    again = send_order(client, shop, address={"address_line_1": "1  HIGH street", "postcode": "LS14AP"})
    assert again.status_code == 400
    assert "ordered for this address a short while ago" in again.content.decode()
    assert Order.objects.count() == 1
    assert stock() == 745
    # Something different for the same address is a new order.
    assert send_order(client, shop, code="CI-0002").status_code == 302


def test_a_repeat_after_the_duplicate_window_is_a_new_order(client, shop, settings):
    settings.PUBLICATIONS_DUPLICATE_ORDER_HOURS = 1
    assert send_order(client, shop).status_code == 302
    Order.objects.update(created_at=timezone.now() - datetime.timedelta(hours=2))
    assert send_order(client, shop).status_code == 302


def test_orders_per_postal_address_per_day_are_limited(client, shop, settings):
    settings.PUBLICATIONS_ORDERS_PER_ADDRESS_PER_DAY = 2
    settings.PUBLICATIONS_ORDERS_PER_CLIENT_PER_DAY = 100
    assert send_order(client, shop, quantity=1).status_code == 302
    assert send_order(client, shop, quantity=2).status_code == 302
    refused = send_order(client, shop, quantity=3)
    assert refused.status_code == 400
    assert "several orders for this address today" in refused.content.decode()
    assert stock() == 747
    # A neighbour at the same postcode is not affected.
    assert send_order(client, shop, quantity=3, address={"address_line_1": "3 High Street"}).status_code == 302
    # Yesterday's orders no longer count; cancelled ones never do.
    Order.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    assert send_order(client, shop, quantity=4).status_code == 302


def test_cancelled_orders_do_not_count(client, shop, settings):
    settings.PUBLICATIONS_ORDERS_PER_ADDRESS_PER_DAY = 1
    assert send_order(client, shop, quantity=1).status_code == 302
    Order.objects.update(status=Order.STATUS_CANCELLED)
    assert send_order(client, shop, quantity=1).status_code == 302


def test_orders_per_postcode_per_day_are_limited(client, shop, settings):
    settings.PUBLICATIONS_ORDERS_PER_POSTCODE_PER_DAY = 3
    settings.PUBLICATIONS_ORDERS_PER_CLIENT_PER_DAY = 100
    for number in range(3):
        assert send_order(client, shop, address={"address_line_1": f"{number} Mill Lane"}).status_code == 302
    refused = send_order(client, shop, address={"address_line_1": "9 Mill Lane"})
    assert refused.status_code == 400
    assert "many orders for this postcode today" in refused.content.decode()
    assert send_order(client, shop, address={"address_line_1": "9 Mill Lane", "postcode": "LS2 7HY"}).status_code == 302


def test_orders_per_client_address_per_day_are_limited(client, shop, settings):
    settings.PUBLICATIONS_ORDERS_PER_CLIENT_PER_DAY = 2
    for number in range(2):
        assert send_order(client, shop, address={"address_line_1": f"{number} Mill Lane"}).status_code == 302
    refused = send_order(client, shop, address={"address_line_1": "7 Park Road", "postcode": "M1 1AE"})
    assert refused.status_code == 429
    assert "several orders from your connection today" in refused.content.decode()
    other = send_order(client, shop, address={"address_line_1": "7 Park Road"}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


def test_a_burst_of_professional_orders_cannot_drain_the_stock(client, shop):
    """The issue's report: 12 orders of 50 copies in under two seconds took stock from 750 to 150."""
    professional = {"ordering_as": "professional", "organisation": "Leeds Hospital", "job_role": "Nurse"}
    codes = [send_order(client, shop, quantity=50, address=professional).status_code for _ in range(12)]
    assert codes.count(302) == 1
    assert stock() == 700


def test_addresses_of_orders_left_in_any_state_are_purged(db):
    from .test_fulfilment import make_order

    publication = make_publication(stock_count=10)
    stuck_new = make_order("CI-AAAA-0001", publication=publication)
    stuck_packed = make_order("CI-AAAA-0002", status=Order.STATUS_PACKED, publication=publication)
    recent = make_order("CI-AAAA-0003", publication=publication)
    long_ago = timezone.now() - datetime.timedelta(days=91)
    Order.objects.filter(pk__in=[stuck_new.pk, stuck_packed.pk]).update(created_at=long_ago)

    assert purge_addresses(90) == 2
    for order in (stuck_new, stuck_packed):
        order.refresh_from_db()
        assert (order.name, order.address_line_1, order.postcode, order.email) == ("", "", "", "")
        assert order.postcode_district == "LS1"
    recent.refresh_from_db()
    assert recent.postcode == "LS1 4AP"
