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


def test_the_form_costs_a_fixed_number_of_queries(client, donation_page, django_assert_max_num_queries):
    client.get(donation_page.url)
    with django_assert_max_num_queries(12):
        assert client.get(donation_page.url).status_code == 200
