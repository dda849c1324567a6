"""Editors change the suggested amounts in the page editor; the form page costs a fixed number of queries."""

from decimal import Decimal

import pytest

from cancerinfo.donations.models import MONTHLY, SuggestedAmount

pytestmark = pytest.mark.django_db


def test_suggested_amounts_are_edited_with_the_page(admin_client, donation_page):
    response = admin_client.get(f"/admin/pages/{donation_page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Suggested amounts" in html and "could pay for a nurse" in html


def test_edited_amounts_show_on_the_form(client, donation_page):
    donation_page.suggested_amounts.add(SuggestedAmount(frequency=MONTHLY, amount=Decimal("7.50"), pays_for="Tea"))
    donation_page.save_revision().publish()
    html = client.get(donation_page.url + "?frequency=monthly").content.decode()
    assert "£7.50 a month" in html and "Tea" in html


def with_amounts(page, count: int):
    """The page with `count` one-off suggested amounts, published: £11, £12..."""
    page.suggested_amounts = [
        SuggestedAmount(amount=Decimal(11 + number), pays_for=f"Pays for thing {number}") for number in range(count)
    ]
    page.save_revision().publish()


def test_the_form_costs_the_same_queries_with_one_amount_or_five(client, donation_page, django_assert_max_num_queries):
    with_amounts(donation_page, 1)
    client.get(donation_page.url)  # warm the navigation and settings caches
    with django_assert_max_num_queries(12) as one:
        response = client.get(donation_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "£11" in html and "Pays for thing 0" in html and "£12" not in html
    queries_for_one = len(one.captured_queries)  # now: the next request clears the query log it reads

    with_amounts(donation_page, 5)
    client.get(donation_page.url)
    with django_assert_max_num_queries(queries_for_one):
        response = client.get(donation_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "£15" in html and "Pays for thing 4" in html
