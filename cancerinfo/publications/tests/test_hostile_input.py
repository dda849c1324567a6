"""Whatever a stranger sends gets a clear answer, never a server error."""

import re

import pytest

from cancerinfo.publications.models import Order

from .factories import catalogue, make_publication
from .test_order_journey import GOOD_ADDRESS, add, order_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(site_tree):
    make_publication("CI-0001", "Understanding bone health")
    return catalogue(site_tree)


def post_order(client, page, **changes):
    add(client, page, "CI-0001", 1)
    _response, token = order_page(client, page)
    return client.post(page.url + "order/", {**GOOD_ADDRESS, "token": token, **changes})


def test_overlong_fields_are_refused_with_their_limit(client, page):
    response = post_order(client, page, name="A" * 5000, address_line_1="B" * 101, town="C" * 61)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Full name must be 100 characters or fewer" in html
    assert "Address line 1 must be 100 characters or fewer" in html
    assert "Town or city must be 60 characters or fewer" in html
    assert not Order.objects.exists()


@pytest.mark.parametrize("name", ["Sam\r\nBcc: victim@example.org", "Sam\nTaylor", "Sam\x00Taylor", "Sam\rTaylor"])
def test_line_breaks_and_control_characters_in_names_are_refused(client, page, name):
    response = post_order(client, page, name=name)
    assert response.status_code == 400
    assert "Use letters, numbers and punctuation only, on one line." in response.content.decode()
    assert not Order.objects.exists()


def test_header_injection_in_email_is_refused(client, page):
    response = post_order(client, page, email="sam@example.org\r\nBcc: victim@example.org")
    assert response.status_code == 400
    assert not Order.objects.exists()


@pytest.mark.parametrize("postcode", ["90210", "75001", "D02 X285", "SW1A", "<script>", "1" * 300])
def test_non_uk_postcodes_are_refused(client, page, postcode):
    response = post_order(client, page, postcode=postcode)
    html = response.content.decode()
    assert response.status_code == 400
    assert ("Enter a full UK postcode, like SW1A 1AA" in html) or ("Postcode must be 10 characters or fewer" in html)
    assert 'value="<script>"' not in html


def test_unknown_choices_and_tokens_are_refused(client, page):
    response = post_order(client, page, ordering_as="admin")
    assert response.status_code == 400 and "Choose who you are ordering as" in response.content.decode()

    add(client, page, "CI-0001", 1)
    response = client.post(page.url + "order/", {**GOOD_ADDRESS, "token": "made-up-token-1234567890"})
    assert response.status_code == 400 and "This form has expired" in response.content.decode()
    response = client.post(page.url + "order/", {**GOOD_ADDRESS, "token": "x" * 500})
    assert response.status_code == 400
    assert not Order.objects.exists()


def test_an_empty_basket_cannot_be_ordered(client, page):
    _response, token = order_page(client, page)
    response = client.post(page.url + "order/", {**GOOD_ADDRESS, "token": token})
    assert response.status_code == 400 and "Your basket is empty" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "add", "code": "NOPE", "format": "standard", "quantity": "1"},
        {"action": "add", "code": "CI-0001", "format": "vinyl", "quantity": "1"},
        {"action": "add", "code": "CI-0001", "format": "standard", "quantity": "-4"},
        {"action": "add", "code": "CI-0001", "format": "standard", "quantity": "1e9"},
        {"action": "add", "code": "CI-0001", "format": "standard", "quantity": "9" * 40},
        {"action": "add", "code": "C" * 500, "format": "standard", "quantity": "1"},
        {"action": "remove:nothing|here"},
        {"action": "whatever"},
        {},
    ],
)
def test_odd_basket_requests_never_fail(client, page, data):
    response = client.post(page.url + "basket/", data)
    assert response.status_code in (200, 302, 400)
    assert client.get(page.url + "basket/").status_code == 200


def test_odd_basket_quantities_are_explained_next_to_the_box(client, page):
    add(client, page, "CI-0001", 1)
    html = client.get(page.url + "basket/").content.decode()
    field = re.search(r'name="(qty-[^"]+)"', html).group(1)
    response = client.post(page.url + "basket/", {"action": "update", field: "lots"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter the number of copies as a number, like 2" in html
    assert f'href="#{field}"' in html and f'id="{field}-error"' in html


def test_a_tampered_session_basket_is_ignored(client, page):
    session = client.session
    session["publications_basket"] = {"CI-0001|standard": "DROP TABLE", "???": 4, "CI-0001|vinyl": 2}
    session.save()
    assert client.get(page.url + "basket/").status_code == 200
    assert client.get(page.url + "order/").status_code == 200


@pytest.mark.parametrize(
    "query",
    ["?cancer_type=not-a-type", "?format=cassette", "?cancer_type=" + "x" * 3000, "?format[]=1&cancer_type=%00"],
)
def test_odd_catalogue_filters_get_a_message(client, page, query):
    response = client.get(page.url + query)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_odd_urls_are_not_found(client, page):
    for tail in ["NOPE/", "order/CI-XXXX-XXXX/", "booklet/0/", "booklet/123/pdf/standard/", "booklet/1/other.pdf"]:
        assert client.get(page.url + tail).status_code == 404, tail
