"""Ordering free publications without an account: basket, limits, address checks, confirmation, one order per submit."""

import re

import pytest
from django.core import mail

from cancerinfo.publications.forms import normalise_postcode
from cancerinfo.publications.models import Order, Publication

from .factories import catalogue, make_publication

pytestmark = pytest.mark.django_db

GOOD_ADDRESS = {
    "ordering_as": "public",
    "name": "Sam Taylor",
    "address_line_1": "1 High Street",
    "address_line_2": "",
    "town": "Leeds",
    "county": "",
    "postcode": "ls1 4ap",
    "email": "sam@example.org",
}


@pytest.fixture
def shop(site_tree):
    page = catalogue(site_tree)
    bone = make_publication("CI-0001", "Understanding bone health", stock_count=100, large_print=True)
    leaflet = make_publication("CI-L001", "Talking to our nurses", stock_count=3)
    return page, bone, leaflet


def add(client, page, code, quantity=1, fmt="standard"):
    return client.post(page.url + "basket/", {"action": "add", "code": code, "format": fmt, "quantity": quantity})


def order_page(client, page):
    response = client.get(page.url + "order/")
    token = re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)
    return response, token


def test_order_journey_from_basket_to_confirmation_and_email(client, shop):
    page, bone, _leaflet = shop
    response = add(client, page, "CI-0001", 2)
    assert response.status_code == 302
    add(client, page, "CI-0001", 1, fmt="large-print")

    basket = client.get(page.url + "basket/").content.decode()
    assert "Understanding bone health" in basket and "Large print" in basket

    _response, token = order_page(client, page)
    response = client.post(page.url + "order/", {**GOOD_ADDRESS, "token": token})
    assert response.status_code == 302
    order = Order.objects.get()
    assert response.url == page.url + f"order/{order.reference}/"
    assert re.fullmatch(r"CI-[A-Z2-9]{4}-[A-Z2-9]{4}", order.reference)
    assert order.postcode == "LS1 4AP" and order.postcode_district == "LS1"
    assert sorted((line.format, line.quantity) for line in order.lines.all()) == [("large-print", 1), ("standard", 2)]

    confirmation = client.get(response.url).content.decode()
    assert order.reference in confirmation and "Order received" in confirmation

    assert len(mail.outbox) == 1
    assert order.reference in mail.outbox[0].subject and order.reference in mail.outbox[0].body
    assert mail.outbox[0].to == ["sam@example.org"]

    bone.refresh_from_db()
    assert bone.stock_count == 97
    assert "Your basket is empty" in client.get(page.url + "basket/").content.decode()


def test_double_submit_or_refresh_makes_one_order(client, shop):
    page, _bone, _leaflet = shop
    add(client, page, "CI-0001", 1)
    _response, token = order_page(client, page)
    first = client.post(page.url + "order/", {**GOOD_ADDRESS, "token": token})
    second = client.post(page.url + "order/", {**GOOD_ADDRESS, "token": token})
    assert Order.objects.count() == 1
    assert first.url == second.url
    assert len(mail.outbox) == 1


def test_email_is_optional(client, shop):
    page, _bone, _leaflet = shop
    add(client, page, "CI-0001", 1)
    _response, token = order_page(client, page)
    client.post(page.url + "order/", {**GOOD_ADDRESS, "email": "", "token": token})
    assert Order.objects.count() == 1 and not mail.outbox


def test_public_limit_is_five_copies_a_title(client, shop):
    page, _bone, _leaflet = shop
    add(client, page, "CI-0001", 4)
    add(client, page, "CI-0001", 2, fmt="large-print")
    _response, token = order_page(client, page)
    response = client.post(page.url + "order/", {**GOOD_ADDRESS, "token": token})
    html = response.content.decode()
    assert response.status_code == 400
    assert "You can order up to 5 copies of each title" in html
    assert 'href="#id_ordering_as_0"' in html
    assert not Order.objects.exists()


def test_health_professionals_can_order_fifty_and_give_organisation_and_role(client, shop):
    page, _bone, _leaflet = shop
    add(client, page, "CI-0001", 50)
    _response, token = order_page(client, page)
    response = client.post(page.url + "order/", {**GOOD_ADDRESS, "ordering_as": "professional", "token": token})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter the organisation you work for" in html and "Enter your job role" in html

    professional = {
        **GOOD_ADDRESS,
        "ordering_as": "professional",
        "organisation": "Leeds Hospital",
        "job_role": "Clinical nurse specialist",
    }
    _response, token = order_page(client, page)
    response = client.post(page.url + "order/", {**professional, "token": token})
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.is_professional and order.organisation == "Leeds Hospital" and order.total_copies == 50


def test_more_than_fifty_is_refused_at_the_basket(client, shop):
    page, _bone, _leaflet = shop
    add(client, page, "CI-0001", 51)
    add(client, page, "CI-0001", 30)
    response = add(client, page, "CI-0001", 30)
    assert response.status_code == 302
    html = client.get(page.url + "basket/").content.decode()
    assert "You can order up to 50 copies of a title" in html
    assert 'value="30"' in html


def test_address_errors_sit_next_to_their_fields_with_a_summary(client, shop):
    page, _bone, _leaflet = shop
    add(client, page, "CI-0001", 1)
    _response, token = order_page(client, page)
    response = client.post(
        page.url + "order/",
        {
            **GOOD_ADDRESS,
            "name": "",
            "address_line_1": "",
            "town": "",
            "postcode": "12345",
            "email": "nope",
            "token": token,
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    for field, message in [
        ("name", "Enter your full name"),
        ("address_line_1", "Enter the first line of your address"),
        ("town", "Enter your town or city"),
        ("postcode", "Enter a full UK postcode, like SW1A 1AA"),
        ("email", "Enter an email address in the right format"),
    ]:
        assert f'<a href="#id_{field}">{message}' in html, field
        assert re.search(rf'id="id_{field}-error">.*?{re.escape(message)}', html, re.S), field
        assert re.search(rf'aria-describedby="[^"]*id_{field}-error"', html), field
    assert not Order.objects.exists()
    # The visitor's answers stay in the form.
    assert 'value="12345"' in html


def test_out_of_print_and_out_of_stock_titles_cannot_be_ordered(client, shop):
    page, bone, leaflet = shop
    add(client, page, "CI-L001", 3)
    Publication.objects.filter(pk=leaflet.pk).update(stock_count=1)
    _response, token = order_page(client, page)
    response = client.post(page.url + "order/", {**GOOD_ADDRESS, "token": token})
    assert response.status_code == 400
    assert "Only 1 copies left." in response.content.decode()
    assert not Order.objects.exists()

    Publication.objects.filter(pk=bone.pk).update(out_of_print=True)
    response = add(client, page, "CI-0001", 1)
    assert "out of print" in client.get(page.url + "basket/").content.decode()
    catalogue_html = client.get(page.url).content.decode()
    assert "Out of print" in catalogue_html


def test_stock_is_checked_again_when_the_order_is_placed(client, shop):
    page, _bone, leaflet = shop
    add(client, page, "CI-L001", 2)
    _response, token = order_page(client, page)
    Publication.objects.filter(pk=leaflet.pk).update(stock_count=1)
    response = client.post(page.url + "order/", {**GOOD_ADDRESS, "token": token})
    assert response.status_code == 400
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        ("  EC1A  1BB ", "EC1A 1BB"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("BT1 5GS", "BT1 5GS"),
        ("GIR 0AA", "GIR 0AA"),
        ("90210", None),
        ("75001 Paris", None),
        ("SW1A", None),
        ("SW1A 1A", None),
        ("QW1 1AA", None),
        ("SW1A 1AAA", None),
        ("", None),
    ],
)
def test_uk_postcodes_are_checked_and_normalised(raw, expected):
    assert normalise_postcode(raw) == expected


def test_confirmation_is_only_shown_to_the_browser_that_ordered(client, shop, django_user_model):
    page, _bone, _leaflet = shop
    add(client, page, "CI-0001", 1)
    _response, token = order_page(client, page)
    url = client.post(page.url + "order/", {**GOOD_ADDRESS, "token": token}).url
    from django.test import Client

    assert Client().get(url).status_code == 404
