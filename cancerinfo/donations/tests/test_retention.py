"""Gift Aid declarations are kept 6 years after the last claimed donation; other personal data goes sooner."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from cancerinfo.donations.claims import create_claim
from cancerinfo.donations.models import MONTHLY, Donation, GiftAidClaim, GiftAidDeclaration
from cancerinfo.donations.retention import purge, years_before

from .factories import DonationFactory, GiftAidDeclarationFactory

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 11, 27, 12))


def donation_on(when, **kwargs):
    """A confirmed donation made and paid on a given day, with Gift Aid unless told otherwise."""
    kwargs.setdefault("gift_aid_declaration", GiftAidDeclarationFactory(declared_at=when))
    donation = DonationFactory(confirmed=True, in_memory_of="Nan", heard_about="friend", **kwargs)
    Donation.objects.filter(pk=donation.pk).update(created_at=when, confirmed_at=when)
    donation.refresh_from_db()
    return donation


def claim(donation):
    day = timezone.localtime(donation.confirmed_at).date()
    return create_claim(day, day)


def test_personal_data_is_removed_after_the_retention_period(settings):
    settings.DONATIONS_PERSONAL_DATA_RETENTION_DAYS = 730
    old = donation_on(NOW - datetime.timedelta(days=731), gift_aid_declaration=None)
    recent = donation_on(NOW - datetime.timedelta(days=100), gift_aid_declaration=None)
    report = purge(now=NOW)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert report.donations_cleared == 1
    assert old.email == "" and old.in_memory_of == "" and old.heard_about == ""
    assert old.personal_data_removed_at == NOW
    assert old.amount == Decimal("10.00") and old.status == Donation.CONFIRMED  # the accounts stay
    assert recent.email and recent.in_memory_of == "Nan"


def test_retention_period_is_configurable(settings):
    settings.DONATIONS_PERSONAL_DATA_RETENTION_DAYS = 30
    donation = donation_on(NOW - datetime.timedelta(days=31), gift_aid_declaration=None)
    purge(now=NOW)
    donation.refresh_from_db()
    assert donation.email == ""


def test_declarations_are_kept_six_years_after_the_last_claimed_donation():
    five_years_ago = donation_on(years_before(NOW, 5))
    claim(five_years_ago)
    report = purge(now=NOW)
    five_years_ago.refresh_from_db()
    # The email and other details go; the declaration HMRC may ask for stays, complete.
    assert five_years_ago.email == ""
    declaration = five_years_ago.gift_aid_declaration
    assert declaration is not None and declaration.first_name == "Ada" and declaration.postcode == "SW1A 1AA"
    assert declaration.wording and declaration.wording_version
    assert report.declarations_removed == 0


def test_a_later_claimed_donation_keeps_an_old_declaration():
    declaration = GiftAidDeclarationFactory(declared_at=years_before(NOW, 9))
    first = donation_on(years_before(NOW, 9), gift_aid_declaration=declaration)
    later = donation_on(years_before(NOW, 3), gift_aid_declaration=declaration)
    claim(first)
    claim(later)
    purge(now=NOW)
    assert GiftAidDeclaration.objects.filter(pk=declaration.pk).exists()


def test_declarations_go_six_years_after_the_last_claimed_donation():
    seven_years_ago = donation_on(years_before(NOW, 7))
    old_claim = claim(seven_years_ago)
    report = purge(now=NOW)
    seven_years_ago.refresh_from_db()
    assert report.declarations_removed == 1
    assert seven_years_ago.gift_aid_declaration is None
    assert seven_years_ago.gift_aid_claim_id == old_claim.pk  # the claim record remains, without personal data
    old_claim.refresh_from_db()
    assert old_claim.schedule_csv == "" and report.claim_files_cleared == 1


def test_recent_claim_files_are_kept():
    claim(donation_on(years_before(NOW, 2)))
    purge(now=NOW)
    assert GiftAidClaim.objects.get().schedule_csv


def test_declarations_for_payments_that_never_happened_go_with_other_personal_data(settings):
    settings.DONATIONS_PERSONAL_DATA_RETENTION_DAYS = 730
    abandoned = DonationFactory(with_gift_aid=True)
    Donation.objects.filter(pk=abandoned.pk).update(created_at=NOW - datetime.timedelta(days=800))
    GiftAidDeclaration.objects.filter(pk=abandoned.gift_aid_declaration_id).update(
        declared_at=NOW - datetime.timedelta(days=800)
    )
    fresh = DonationFactory(with_gift_aid=True)
    purge(now=NOW)
    assert not GiftAidDeclaration.objects.filter(pk=abandoned.gift_aid_declaration_id).exists()
    assert GiftAidDeclaration.objects.filter(pk=fresh.gift_aid_declaration_id).exists()


def test_running_monthly_gifts_keep_their_details():
    monthly = donation_on(years_before(NOW, 8), frequency=MONTHLY, provider_subscription_id="sub_1")
    purge(now=NOW)
    monthly.refresh_from_db()
    assert monthly.email and monthly.gift_aid_declaration is not None
    Donation.objects.filter(pk=monthly.pk).update(subscription_cancelled_at=NOW)
    purge(now=NOW)
    monthly.refresh_from_db()
    assert monthly.email == "" and monthly.gift_aid_declaration is None


def test_command_reports_and_dry_run_changes_nothing():
    old = donation_on(years_before(NOW, 7))
    Donation.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=3000))
    out = io.StringIO()
    call_command("purge_donation_personal_data", "--dry-run", stdout=out)
    assert "Would clear personal data from 1 donation(s)" in out.getvalue()
    old.refresh_from_db()
    assert old.email
    out = io.StringIO()
    call_command("purge_donation_personal_data", stdout=out)
    assert "Cleared personal data from 1 donation(s)" in out.getvalue()
    call_command("purge_donation_personal_data", stdout=io.StringIO())  # safe to run again
