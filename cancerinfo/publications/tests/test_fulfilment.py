"""Fulfilment staff work through orders in the admin; nobody else can see them."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cancerinfo.publications.models import Order, OrderEvent, OrderLine
from cancerinfo.publications.orders import purge_addresses

from .factories import make_publication, make_user

pytestmark = pytest.mark.django_db


def make_order(reference, status=Order.STATUS_NEW, name="Sam Taylor", publication=None, copies=2, **fields):
    order = Order.objects.create(
        reference=reference,
        submission_token=f"token-{reference}-abcdefgh",
        status=status,
        name=name,
        address_line_1="1 High Street",
        town="Leeds",
        postcode="LS1 4AP",
        postcode_district="LS1",
        email="sam@example.org",
        **fields,
    )
    OrderLine.objects.create(
        order=order,
        publication=publication,
        code="CI-0001",
        title="Understanding bone health",
        format="standard",
        quantity=copies,
    )
    return order


@pytest.fixture
def orders(db):
    publication = make_publication(stock_count=10)
    return [
        make_order("CI-AAAA-0001", publication=publication),
        make_order("CI-AAAA-0002", publication=publication, name='=HYPERLINK("http://evil","x")'),
        make_order("CI-AAAA-0003", status=Order.STATUS_PACKED, publication=publication),
    ]


@pytest.fixture
def fulfilment_client(client):
    client.force_login(make_user("packer", "Fulfilment"))
    return client


def test_an_editor_cannot_see_orders(client, orders):
    editor = make_user("editor", "Editors")
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("publications_orders")).status_code == 403
    assert client.get(reverse("publications_order", args=[orders[0].pk])).status_code == 403
    assert client.post(reverse("publications_orders"), {"action": "csv"}).status_code == 403
    assert "/admin/publications/orders/" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_editors_manage_the_catalogue_records_but_fulfilment_staff_see_the_orders_menu(client, orders):
    client.force_login(make_user("editor", "Editors"))
    assert client.get(reverse("wagtailsnippets_publications_publication:list")).status_code == 200
    client.force_login(make_user("packer", "Fulfilment"))
    assert reverse("publications_orders") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, orders):
    response = client.get(reverse("publications_orders"))
    assert response.status_code in (302, 403)
    assert "Sam Taylor" not in response.content.decode()


def test_fulfilment_lists_orders_by_status(fulfilment_client, orders):
    html = fulfilment_client.get(reverse("publications_orders")).content.decode()
    assert "CI-AAAA-0001" in html and "CI-AAAA-0002" in html and "CI-AAAA-0003" not in html
    html = fulfilment_client.get(reverse("publications_orders") + "?status=packed").content.decode()
    assert "CI-AAAA-0003" in html and "CI-AAAA-0001" not in html
    assert fulfilment_client.get(reverse("publications_orders") + "?status=<bad>").status_code == 200


def test_bulk_status_change_is_audited(fulfilment_client, orders):
    first, second, packed = orders
    response = fulfilment_client.post(
        reverse("publications_orders") + "?status=new",
        {"action": "status:packed", "selected": [first.pk, second.pk, "junk"]},
    )
    assert response.status_code == 302
    assert set(Order.objects.filter(status="packed").values_list("reference", flat=True)) == {
        "CI-AAAA-0001",
        "CI-AAAA-0002",
        "CI-AAAA-0003",
    }
    fulfilment_client.post(reverse("publications_orders"), {"action": "status:dispatched", "selected": [first.pk]})
    first.refresh_from_db()
    assert first.status == "dispatched" and first.dispatched_at is not None

    events = OrderEvent.objects.filter(order=first, action="status").order_by("at", "pk")
    assert [(e.from_status, e.to_status, e.user.username) for e in events] == [
        ("new", "packed", "packer"),
        ("packed", "dispatched", "packer"),
    ]
    html = fulfilment_client.get(reverse("publications_order", args=[first.pk])).content.decode()
    assert "packer" in html and "packed → dispatched" in html

    # A dispatched order cannot go back; the refusal is explained, nothing changes.
    fulfilment_client.post(reverse("publications_orders"), {"action": "status:new", "selected": [first.pk]})
    first.refresh_from_db()
    assert first.status == "dispatched"


def test_cancelling_returns_the_copies_to_stock(fulfilment_client, orders):
    publication = orders[0].lines.get().publication
    fulfilment_client.post(reverse("publications_order", args=[orders[0].pk]), {"status": "cancelled"})
    publication.refresh_from_db()
    assert publication.stock_count == 12


def test_csv_export_for_the_mailing_house_is_safe_in_spreadsheets(fulfilment_client, orders):
    response = fulfilment_client.post(reverse("publications_orders") + "?status=new", {"action": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["reference"] for row in rows] == ["CI-AAAA-0001", "CI-AAAA-0002"]
    assert rows[0]["postcode"] == "LS1 4AP" and rows[0]["items"] == "CI-0001 x 2 (Standard print)"
    assert rows[1]["name"].startswith("'="), "a formula is written as text"
    assert OrderEvent.objects.filter(action="exported").count() == 2


def test_packing_slips_are_one_printable_pdf(fulfilment_client, orders):
    response = fulfilment_client.post(
        reverse("publications_orders"), {"action": "slips", "selected": [orders[0].pk, orders[2].pk]}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    assert "CI-AAAA-0001" in reader.pages[0].extract_text() and "LS1 4AP" in reader.pages[0].extract_text()
    assert "CI-AAAA-0003" in reader.pages[1].extract_text()


def test_purge_removes_addresses_of_old_dispatched_orders_and_keeps_counts(orders):
    now = timezone.now()
    old, recent, still_new = orders
    Order.objects.filter(pk=old.pk).update(status="dispatched", dispatched_at=now - datetime.timedelta(days=91))
    Order.objects.filter(pk=recent.pk).update(status="dispatched", dispatched_at=now - datetime.timedelta(days=10))

    assert purge_addresses(90) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.address_line_1, old.town, old.postcode, old.email) == ("", "", "", "", "")
    assert old.address_purged_at is not None
    assert old.postcode_district == "LS1" and old.total_copies == 2, "counts for reporting stay"
    assert recent.name.startswith("=HYPERLINK") and recent.postcode == "LS1 4AP"
    assert Order.objects.count() == 3
    assert purge_addresses(90) == 0, "safe to run again"


def test_purge_command_takes_a_period(orders):
    from django.core.management import call_command

    Order.objects.filter(pk=orders[0].pk).update(
        status="dispatched", dispatched_at=timezone.now() - datetime.timedelta(days=20)
    )
    out = io.StringIO()
    call_command("purge_order_addresses", stdout=out)
    assert "Removed addresses from 0 order(s)" in out.getvalue()
    call_command("purge_order_addresses", "--days", "14", stdout=out)
    assert "Removed addresses from 1 order(s)" in out.getvalue()
    assert Order.objects.get(pk=orders[0].pk).name == ""
