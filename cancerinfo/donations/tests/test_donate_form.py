"""The donate form: one-off or monthly, suggested or other amounts, optional Gift Aid, pending before payment."""

from decimal import Decimal

import pytest

from cancerinfo.donations.models import MONTHLY, ONE_OFF, Donation, GiftAidDeclaration
from cancerinfo.donations.services import GIFT_AID_TAXPAYER_STATEMENT, GIFT_AID_WORDING_VERSION, charity_name

pytestmark = pytest.mark.django_db

HMRC_STATEMENT = (
    "I am a UK taxpayer and understand that if I pay less Income Tax and/or Capital Gains Tax in the current tax "
    "year than the amount of Gift Aid claimed on all my donations it is my responsibility to pay any difference"
)
GIFT_AID_DETAILS = {
    "gift_aid": "on",
    "gift_aid_wording_version": GIFT_AID_WORDING_VERSION,
    "title": "Mr",
    "first_name": "Sam",
    "last_name": "O'Neill",
    "house_name_or_number": "Rose Cottage",
    "address": "1 High Street, Leeds",
    "postcode": "ls1 4ap",
}


def post(client, page, **fields):
    data = {"frequency": ONE_OFF, "amount": "25.00", "email": "sam@example.com"}
    data.update(fields)
    return client.post(page.url, {k: v for k, v in data.items() if v is not None})


def test_form_offers_suggested_amounts_with_what_they_pay_for(client, donation_page):
    html = client.get(donation_page.url).content.decode()
    assert "£10" in html and "could pay for a nurse to answer two calls" in html
    assert "Other amount" in html
    assert "£5 a month" not in html
    monthly = client.get(donation_page.url + "?frequency=monthly").content.decode()
    assert "£5 a month" in monthly
    assert "How much would you like to give each month?" in monthly


def test_gift_aid_box_is_separate_unticked_and_carries_hmrc_wording(client, donation_page):
    html = client.get(donation_page.url).content.decode()
    assert HMRC_STATEMENT in html
    assert GIFT_AID_TAXPAYER_STATEMENT.startswith(HMRC_STATEMENT)
    box = html[html.index('id="id_gift_aid"') - 40 : html.index('id="id_gift_aid"') + 200]
    assert 'type="checkbox"' in box and "checked" not in box
    assert "Your £10 becomes £12.50" in html


def test_gift_aid_value_follows_the_amount_chosen_without_javascript(client, donation_page):
    response = post(client, donation_page, amount="other", other_amount="40", email="")
    assert response.status_code == 400
    assert "Your £40 becomes £50" in response.content.decode()


def test_one_off_donation_is_recorded_pending_before_the_redirect(client, donation_page):
    response = post(client, donation_page, in_memory_of="Grandad Joe", heard_about="booklet")
    assert response.status_code == 303
    donation = Donation.objects.get()
    assert donation.status == Donation.PENDING
    assert donation.frequency == ONE_OFF
    assert donation.amount == Decimal("25.00")
    assert donation.in_memory_of == "Grandad Joe" and donation.heard_about == "booklet"
    assert donation.provider == "sandbox" and donation.provider_session_id.startswith("cs_sandbox_")
    assert response["Location"].startswith("/donations/sandbox/checkout/")
    assert not donation.gift_aid


def test_monthly_donation_is_recorded_as_monthly(client, donation_page):
    response = post(client, donation_page, frequency=MONTHLY, amount="10.00")
    assert response.status_code == 303
    donation = Donation.objects.get()
    assert donation.frequency == MONTHLY and donation.is_monthly
    assert donation.amount == Decimal("10.00")


def test_other_amount(client, donation_page):
    assert post(client, donation_page, amount="other", other_amount="£12.34").status_code == 303
    assert Donation.objects.get().amount == Decimal("12.34")


@pytest.mark.parametrize(
    ("other", "message"),
    [
        ("12.345", "no more than 2 numbers after the point"),
        ("-10", "greater than zero"),
        ("1000000", "The largest amount you can give online is £10,000"),
        ("lots", "Enter the amount as a number"),
        ("1.50", "The smallest amount you can give online is £2"),
        ("", "Enter the amount you want to give"),
    ],
)
def test_other_amount_errors_are_shown_in_a_summary_linked_to_the_field(client, donation_page, other, message):
    response = post(client, donation_page, amount="other", other_amount=other)
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert '<a href="#id_other_amount">' in html and message in html
    assert 'aria-invalid="true"' in html
    assert html.count("<h1") == 1 and "<title>Error:" in html
    assert not Donation.objects.exists()


def test_an_amount_must_be_chosen(client, donation_page):
    html = post(client, donation_page, amount="").content.decode()
    assert '<a href="#id_amount_0">Choose an amount, or enter another amount</a>' in html


def test_a_suggested_amount_cannot_be_forged(client, donation_page):
    response = post(client, donation_page, amount="0.01")
    assert response.status_code == 400
    assert "Choose one of the amounts shown" in response.content.decode()


def test_suggested_amounts_obey_the_same_limits(client, donation_page):
    from cancerinfo.donations.models import SuggestedAmount

    donation_page.suggested_amounts.add(
        SuggestedAmount(frequency=ONE_OFF, amount=Decimal("1.00"), pays_for="Too small")
    )
    donation_page.save_revision().publish()
    response = post(client, donation_page, amount="1.00")
    assert response.status_code == 400
    assert "The smallest amount you can give online is £2" in response.content.decode()


def test_a_forged_frequency_is_refused(client, donation_page):
    response = post(client, donation_page, frequency="weekly")
    assert response.status_code == 400
    assert "Choose to give once or monthly" in response.content.decode()
    assert not Donation.objects.exists()


def test_email_is_required_and_checked(client, donation_page):
    assert "Enter your email address" in post(client, donation_page, email="").content.decode()
    assert "correct format" in post(client, donation_page, email="not-an-email").content.decode()


def test_gift_aid_declaration_is_stored_with_wording_version_and_date(client, donation_page):
    response = post(client, donation_page, amount="other", other_amount="10", gift_aid_past="on", **GIFT_AID_DETAILS)
    assert response.status_code == 303
    declaration = Donation.objects.get().gift_aid_declaration
    assert declaration.first_name == "Sam" and declaration.last_name == "O'Neill"
    assert declaration.house_name_or_number == "Rose Cottage"
    assert declaration.postcode == "LS1 4AP"
    assert declaration.wording_version == GIFT_AID_WORDING_VERSION
    assert declaration.declared_at is not None
    assert declaration.covers_this_donation and declaration.covers_past_four_years and not declaration.covers_future
    assert declaration.wording == (
        "I want to Gift Aid my donation of £10 and any donations I have made in the past 4 years to "
        + charity_name()
        + ". "
        + HMRC_STATEMENT
        + "."
    )


def test_monthly_declaration_wording_names_the_monthly_gift(client, donation_page):
    post(client, donation_page, frequency=MONTHLY, amount="5.00", gift_aid_future="on", **GIFT_AID_DETAILS)
    wording = GiftAidDeclaration.objects.get().wording
    assert wording.startswith("I want to Gift Aid my monthly donation of £5 and any donations I make in the future")


@pytest.mark.parametrize("missing", ["first_name", "last_name", "house_name_or_number", "postcode"])
def test_gift_aid_cannot_be_set_without_the_required_fields(client, donation_page, missing):
    response = post(client, donation_page, **{**GIFT_AID_DETAILS, missing: ""})
    assert response.status_code == 400
    assert f'<a href="#id_{missing}">' in response.content.decode()
    assert not Donation.objects.exists() and not GiftAidDeclaration.objects.exists()


def test_gift_aid_cannot_be_set_without_the_wording_the_donor_saw(client, donation_page):
    for version in ("", "2019-01"):
        response = post(client, donation_page, **{**GIFT_AID_DETAILS, "gift_aid_wording_version": version})
        assert response.status_code == 400
        assert "The Gift Aid declaration has changed" in response.content.decode()
    assert not GiftAidDeclaration.objects.exists()


def test_database_refuses_a_declaration_without_wording(db):
    from django.db import IntegrityError
    from django.utils import timezone

    with pytest.raises(IntegrityError):
        GiftAidDeclaration.objects.create(
            first_name="A",
            last_name="B",
            house_name_or_number="1",
            postcode="SW1A 1AA",
            wording_version="",
            wording="",
            declared_at=timezone.now(),
        )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "12345", "Enter a real UK postcode"),
        ("postcode", "QQ1 1QQ", "Enter a real UK postcode"),
        ("first_name", "=HYPERLINK(1)", "letters, spaces, hyphens and apostrophes"),
        ("title", "Professor", "Ensure this value has at most 4 characters"),
        ("house_name_or_number", "-", "house name or number using letters and numbers"),
    ],
)
def test_gift_aid_details_are_validated(client, donation_page, field, value, message):
    response = post(client, donation_page, **{**GIFT_AID_DETAILS, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_gift_aid_details_are_ignored_when_the_box_is_not_ticked(client, donation_page):
    fields = {**GIFT_AID_DETAILS, "gift_aid": None, "postcode": "not a postcode"}
    assert post(client, donation_page, **fields).status_code == 303
    assert not Donation.objects.get().gift_aid
    assert not GiftAidDeclaration.objects.exists()


def test_honeypot_refuses_bots(client, donation_page):
    response = post(client, donation_page, website="http://spam.example")
    assert response.status_code == 400
    assert not Donation.objects.exists()


def test_starting_donations_is_limited_per_ip_address(client, donation_page, settings):
    settings.DONATIONS_START_LIMIT = 3
    for _ in range(3):
        assert post(client, donation_page).status_code == 303
    response = post(client, donation_page)
    assert response.status_code == 429
    assert "Please try again later" in response.content.decode()
    assert Donation.objects.count() == 3
    other_address = client.post(
        donation_page.url,
        {"frequency": ONE_OFF, "amount": "25.00", "email": "b@example.com"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert other_address.status_code == 303


def test_behind_trusted_proxies_the_forwarded_address_is_limited(client, donation_page, settings):
    settings.DONATIONS_START_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    data = {"frequency": ONE_OFF, "amount": "25.00", "email": "a@example.com"}
    assert client.post(donation_page.url, data, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 303
    assert client.post(donation_page.url, data, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    # A donor cannot dodge the limit by inventing addresses in front of the real one.
    assert client.post(donation_page.url, data, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.1").status_code == 429
    assert client.post(donation_page.url, data, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 303


def test_rate_limit_keys_do_not_hold_the_ip_address(client, donation_page):
    from cancerinfo.conftest import cache_keys

    post(client, donation_page)
    keys = cache_keys()
    assert keys and not any("127.0.0.1" in key for key in keys)


def test_form_needs_a_csrf_token(donation_page):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(donation_page.url, {"frequency": ONE_OFF, "amount": "25.00", "email": "a@example.com"})
    assert response.status_code == 403
    assert not Donation.objects.exists()
    assert 'name="csrfmiddlewaretoken"' in strict.get(donation_page.url).content.decode()


def test_provider_failure_is_explained_and_nothing_is_taken(client, donation_page, monkeypatch):
    from cancerinfo.donations.providers import ProviderError
    from cancerinfo.donations.providers.sandbox import SandboxProvider

    def broken(self, request):
        raise ProviderError("down")

    monkeypatch.setattr(SandboxProvider, "create_checkout", broken)
    response = post(client, donation_page)
    assert response.status_code == 503
    assert "nothing has been taken" in response.content.decode()
    assert Donation.objects.get().status == Donation.FAILED
