"""Only the Finance group sees donations and exports Gift Aid claims; claims follow HMRC's schedule, once each."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from cancerinfo.donations.claims import SCHEDULE_HEADERS, create_claim, safe_cell
from cancerinfo.donations.models import MONTHLY, Donation, GiftAidClaim

from .factories import DonationFactory, GiftAidDeclarationFactory, at

pytestmark = pytest.mark.django_db
LIST = "/admin/donations/"
CLAIMS = "/admin/donations/claims/"


@pytest.fixture
def finance_user(django_user_model):
    user = django_user_model.objects.create_user("fin", "fin@example.com", "x" * 12)
    user.groups.add(Group.objects.get(name="Finance"))
    return user


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("ed", "ed@example.com", "x" * 12)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    editors = Group.objects.filter(name="Editors").first()
    if editors:
        user.groups.add(editors)
    return user


def rows(response) -> list[list[str]]:
    return list(
        csv.reader(
            io.StringIO(
                b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
            )
        )
    )


def test_finance_group_is_created_by_a_migration_with_its_permissions():
    codenames = set(Group.objects.get(name="Finance").permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_donation", "view_giftaidclaim", "export_giftaidclaim"} <= codenames


def test_people_outside_finance_get_403(client, editor):
    client.force_login(editor)
    assert client.get(LIST).status_code == 403
    assert client.get(CLAIMS).status_code == 403
    assert client.post(CLAIMS, {"date_from": "2026-01-01", "date_to": "2026-12-31"}).status_code == 403
    claim = GiftAidClaim.objects.create(
        date_from=datetime.date(2026, 1, 1), date_to=datetime.date(2026, 1, 2), schedule_csv="secret"
    )
    assert client.get(f"{CLAIMS}{claim.pk}/download/").status_code == 403
    assert "Donations" not in client.get("/admin/").content.decode()


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_finance_sees_the_menu_and_the_list_with_totals(client, finance_user):
    DonationFactory(confirmed=True, amount=Decimal("10.00"), with_gift_aid=True)
    DonationFactory(confirmed=True, amount=Decimal("25.00"), frequency=MONTHLY)
    DonationFactory(amount=Decimal("99.00"))  # pending: not counted in confirmed totals
    client.force_login(finance_user)
    assert "/admin/donations/" in client.get("/admin/").content.decode()
    response = client.get(LIST)
    assert response.status_code == 200
    totals = response.context["totals"]
    assert totals["count"] == 3 and totals["confirmed_count"] == 2
    assert totals["confirmed_total"] == Decimal("35.00")
    assert totals["gift_aid_total"] == Decimal("10.00") and totals["gift_aid_value"] == Decimal("2.50")


def test_finance_can_filter_the_list(client, finance_user):
    DonationFactory(confirmed=True, amount=Decimal("10.00"), with_gift_aid=True)
    DonationFactory(confirmed=True, amount=Decimal("25.00"), frequency=MONTHLY)
    DonationFactory(amount=Decimal("99.00"))
    client.force_login(finance_user)
    assert client.get(LIST, {"status": "pending"}).context["totals"]["count"] == 1
    assert client.get(LIST, {"frequency": "monthly"}).context["totals"]["confirmed_total"] == Decimal("25.00")
    assert client.get(LIST, {"gift_aid": "yes"}).context["totals"]["count"] == 1
    assert client.get(LIST, {"claimed": "no", "gift_aid": "yes"}).context["totals"]["count"] == 1
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert client.get(LIST, {"date_from": tomorrow}).context["totals"]["count"] == 0
    # Nonsense filters are reported, never a server error.
    response = client.get(LIST, {"status": "stolen", "date_from": "yesterday", "p": "999"})
    assert response.status_code == 200


def make_claimable(when, amount="10.00", **declaration):
    donation = DonationFactory(
        confirmed=True, amount=Decimal(amount), gift_aid_declaration=GiftAidDeclarationFactory(**declaration)
    )
    Donation.objects.filter(pk=donation.pk).update(confirmed_at=when)
    return donation


def test_claim_export_follows_the_charities_online_schedule(client, finance_user):
    make_claimable(
        at(2026, 10, 3),
        "10.00",
        title="Mr",
        first_name="Sam",
        last_name="Jones",
        house_name_or_number="Rose Cottage",
        postcode="LS1 4AP",
    )
    make_claimable(
        at(2026, 10, 20),
        "1234.50",
        title="",
        first_name="Ann",
        last_name="O'Neill",
        house_name_or_number="7",
        postcode="SW1A 1AA",
    )
    make_claimable(at(2026, 11, 5), "5.00")  # outside the dates
    DonationFactory(confirmed=True, amount=Decimal("8.00"))  # no Gift Aid
    client.force_login(finance_user)
    response = client.post(CLAIMS, {"date_from": "2026-10-01", "date_to": "2026-10-31"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    table = rows(response)
    assert (
        table[0]
        == SCHEDULE_HEADERS
        == [
            "Title",
            "First name",
            "Last name",
            "House name or number",
            "Postcode",
            "Aggregated donations",
            "Sponsored",
            "Donation date",
            "Amount",
        ]
    )
    assert table[1:] == [
        ["Mr", "Sam", "Jones", "Rose Cottage", "LS1 4AP", "", "", "03/10/26", "10.00"],
        ["", "Ann", "O'Neill", "7", "SW1A 1AA", "", "", "20/10/26", "1234.50"],
    ]
    claim = GiftAidClaim.objects.get()
    assert claim.donation_count == 2 and claim.total_amount == Decimal("1244.50")
    assert Donation.objects.filter(gift_aid_claim=claim).count() == 2


def test_no_donation_is_claimed_twice(client, finance_user):
    first = make_claimable(at(2026, 10, 3))
    client.force_login(finance_user)
    assert len(rows(client.post(CLAIMS, {"date_from": "2026-10-01", "date_to": "2026-10-31"}))) == 2
    later = make_claimable(at(2026, 10, 9), "20.00")
    again = client.post(CLAIMS, {"date_from": "2026-09-01", "date_to": "2026-12-31"})
    table = rows(again)
    assert len(table) == 2 and table[1][-1] == "20.00"
    nothing = client.post(CLAIMS, {"date_from": "2026-01-01", "date_to": "2026-12-31"}, follow=True)
    assert "There are no unclaimed Gift Aid donations" in nothing.content.decode()
    first.refresh_from_db()
    later.refresh_from_db()
    assert first.gift_aid_claim_id != later.gift_aid_claim_id
    assert GiftAidClaim.objects.count() == 2
    assert create_claim(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)) is None


def test_earlier_claims_can_be_downloaded_again(client, finance_user):
    make_claimable(at(2026, 10, 3))
    client.force_login(finance_user)
    exported = client.post(CLAIMS, {"date_from": "2026-10-01", "date_to": "2026-10-31"}).content
    claim = GiftAidClaim.objects.get()
    assert client.get(f"{CLAIMS}{claim.pk}/download/").content == exported
    assert f"{CLAIMS}{claim.pk}/download/" in client.get(CLAIMS).content.decode()


def test_claim_preview_and_date_checks(client, finance_user):
    make_claimable(at(2026, 10, 3), "12.00")
    client.force_login(finance_user)
    preview = client.get(CLAIMS, {"date_from": "2026-10-01", "date_to": "2026-10-31"})
    assert "1 unclaimed Gift Aid donation in these dates, £12.00 in all" in preview.content.decode()
    backwards = client.post(CLAIMS, {"date_from": "2026-10-31", "date_to": "2026-10-01"})
    assert backwards.status_code == 200 and "The end date must be on or after" in backwards.content.decode()
    assert not GiftAidClaim.objects.exists()
    assert client.post(CLAIMS, {"date_from": "nonsense", "date_to": ""}).status_code == 200


def test_cancelled_declarations_and_unconfirmed_donations_are_not_claimed():
    cancelled = make_claimable(at(2026, 10, 3))
    cancelled.gift_aid_declaration.cancelled_at = timezone.now()
    cancelled.gift_aid_declaration.save()
    DonationFactory(with_gift_aid=True)  # pending
    assert create_claim(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)) is None


@pytest.mark.parametrize(
    ("typed", "written"),
    [("=1+2", "'=1+2"), ("+44", "'+44"), ("-3", "'-3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("Ann", "Ann")],
)
def test_csv_cells_cannot_start_a_formula(typed, written):
    assert safe_cell(typed) == written


def test_export_guards_against_formula_injection_in_stored_names():
    # Names are validated on the way in; the export still defends itself against anything that got through.
    make_claimable(at(2026, 10, 3), first_name='=HYPERLINK("http://x")', last_name="@cmd", postcode="-1")
    claim = create_claim(datetime.date(2026, 10, 1), datetime.date(2026, 10, 31))
    row = list(csv.reader(io.StringIO(claim.schedule_csv)))[1]
    assert row[1].startswith("'=") and row[2].startswith("'@") and row[4] == "'-1"
