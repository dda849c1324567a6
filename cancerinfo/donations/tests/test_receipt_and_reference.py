"""A donor reads their donation back by a short reference they can quote on the phone ("DN-7KQM-X3PA", the scheme
orders and enquiries use), not a 36-character UUID. Their receipt, e-mailed and on the thank-you page, names the
charity with its registration number and, when they declared Gift Aid, repeats the words they agreed to and when."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Site

from cancerinfo.conftest import verify_second_factor
from cancerinfo.core.models import SiteSettings
from cancerinfo.core.short_references import REFERENCE_ALPHABET
from cancerinfo.donations.models import Donation
from cancerinfo.donations.services import send_confirmation

from .factories import DonationFactory, GiftAidDeclarationFactory

pytestmark = pytest.mark.django_db
SHORT = re.compile(rf"DN-[{REFERENCE_ALPHABET}]{{4}}-[{REFERENCE_ALPHABET}]{{4}}")
REGISTRATION = "Registered charity in England and Wales (7654321, a sample number)"


@pytest.fixture(autouse=True)
def registered_charity(site_tree):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.charity_registration = REGISTRATION
    site_settings.save()


def declared(when=datetime.datetime(2026, 11, 14, 10, 30)):
    return GiftAidDeclarationFactory(declared_at=timezone.make_aware(when))


def test_each_donation_gets_its_own_short_reference():
    first, second = DonationFactory(), DonationFactory()
    assert SHORT.fullmatch(first.short_reference) and SHORT.fullmatch(second.short_reference)
    assert first.short_reference != second.short_reference
    first.save()
    assert Donation.objects.get(pk=first.pk).short_reference == first.short_reference  # kept, not renewed


def test_the_thank_you_page_shows_the_short_reference_not_the_uuid(client, donation_page):
    donation = DonationFactory(confirmed=True)
    page = client.get(f"{donation_page.url}thank-you/{donation.reference}/").content.decode()
    assert donation.short_reference in page
    assert page.count(str(donation.reference)) == 0


def test_the_receipt_email_has_the_reference_and_the_charity_number_and_no_declaration_without_gift_aid():
    donation = DonationFactory(confirmed=True)
    send_confirmation(donation)
    body = mail.outbox[0].body
    assert f"Reference: {donation.short_reference}" in body and str(donation.reference) not in body
    assert REGISTRATION in body
    assert "Gift Aid declaration" not in body


def test_the_receipt_email_repeats_the_gift_aid_declaration_and_its_date():
    donation = DonationFactory(confirmed=True, gift_aid_declaration=declared())
    send_confirmation(donation)
    body = mail.outbox[0].body
    assert "Your Gift Aid declaration, made on 14 November 2026:" in body
    assert f'"{donation.gift_aid_declaration.wording}"' in body
    assert REGISTRATION in body
    # Only what the receipt needs: not the donor's name or home address.
    assert "Lovelace" not in body and "SW1A" not in body


def test_the_thank_you_page_is_a_receipt_with_the_charity_number_and_the_declaration(client, donation_page):
    donation = DonationFactory(confirmed=True, gift_aid_declaration=declared())
    page = client.get(f"{donation_page.url}thank-you/{donation.reference}/").content.decode()
    receipt = page.split("<h2>Your receipt</h2>", 1)[1]
    assert REGISTRATION in receipt
    assert "You made this declaration on 14 November 2026" in receipt
    assert donation.gift_aid_declaration.wording.replace("'", "&#x27;") in receipt


def test_finance_staff_see_and_find_a_donation_by_its_short_reference(client, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("fin", "fin@example.com", "x" * 12)
    user.groups.add(Group.objects.get(name="Finance"))
    client.force_login(user)
    verify_second_factor(client, user)
    wanted, other = DonationFactory(), DonationFactory()
    listing = client.get("/admin/donations/").content.decode()
    assert wanted.short_reference in listing and other.short_reference in listing
    # As a donor reads it out: lower case, spaces for dashes.
    spoken = wanted.short_reference.lower().replace("-", " ")
    found = client.get("/admin/donations/", {"reference": spoken}).content.decode()
    assert wanted.short_reference in found and other.short_reference not in found


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_every_existing_donation_a_short_reference():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("donations", "0004_rich_text_h2_headings")], [("donations", "0006_short_reference_required")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    OldDonation = executor.loader.project_state(before).apps.get_model("donations", "Donation")
    for amount in ("5", "10", "15"):
        OldDonation.objects.create(amount=amount, provider="sandbox")
    executor = MigrationExecutor(connection)  # a fresh graph, as the migrate command would read it
    executor.migrate(after)
    references = list(Donation.objects.values_list("short_reference", flat=True))
    assert len(references) == 3 and len(set(references)) == 3
    assert all(SHORT.fullmatch(reference) for reference in references)
