"""Donations and declarations for tests, in the states the webhook would leave them."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from cancerinfo.donations.models import ONE_OFF, Donation, GiftAidDeclaration
from cancerinfo.donations.services import GIFT_AID_WORDING_VERSION, gift_aid_wording


class GiftAidDeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GiftAidDeclaration

    title = "Ms"
    first_name = "Ada"
    last_name = "Lovelace"
    house_name_or_number = "12"
    postcode = "SW1A 1AA"
    wording_version = GIFT_AID_WORDING_VERSION
    wording = factory.LazyFunction(lambda: gift_aid_wording(Decimal("10"), ONE_OFF))
    declared_at = factory.LazyFunction(timezone.now)


class DonationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Donation

    amount = Decimal("10.00")
    frequency = ONE_OFF
    email = factory.Sequence(lambda n: f"donor{n}@example.com")
    provider = "sandbox"
    provider_session_id = factory.Sequence(lambda n: f"cs_sandbox_{n:024d}")

    class Params:
        confirmed = factory.Trait(
            status=Donation.CONFIRMED,
            confirmed_at=factory.LazyFunction(timezone.now),
        )
        with_gift_aid = factory.Trait(gift_aid_declaration=factory.SubFactory(GiftAidDeclarationFactory))


def at(year, month, day, hour=12):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))
