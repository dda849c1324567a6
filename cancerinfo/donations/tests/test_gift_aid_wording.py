"""The Gift Aid declaration's words, as the donor reads and we store them: every amount, frequency and period
gives HMRC's wording, exactly. A declaration that claims the wrong donations cannot be relied on."""

from decimal import Decimal

import pytest

from cancerinfo.core.models import SiteSettings
from cancerinfo.donations.models import MONTHLY, ONE_OFF
from cancerinfo.donations.services import GIFT_AID_TAXPAYER_STATEMENT, charity_name, gift_aid_wording


def name_the_charity(name: str) -> None:
    """The charity's name as staff set it in the site settings (core/outputs.py reads it live)."""
    from wagtail.models import Site

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.charity_name = name
    site_settings.save()


@pytest.fixture(autouse=True)
def _charity(db):
    name_the_charity("CancerInfo")


@pytest.mark.parametrize(
    ("amount", "frequency", "past", "future", "gift"),
    [
        (Decimal("10"), ONE_OFF, False, False, "my donation of £10"),
        (Decimal("12.50"), MONTHLY, False, False, "my monthly donation of £12.50"),
        (None, ONE_OFF, False, False, "my donation"),
        (None, MONTHLY, False, False, "my monthly donation"),
        (Decimal("10"), ONE_OFF, True, False, "my donation of £10 and any donations I have made in the past 4 years"),
        (Decimal("10"), ONE_OFF, False, True, "my donation of £10 and any donations I make in the future"),
        (
            Decimal("10"),
            ONE_OFF,
            True,
            True,
            "my donation of £10 and any donations I make in the future or have made in the past 4 years",
        ),
    ],
)
def test_the_declaration_names_exactly_the_donations_it_covers(amount, frequency, past, future, gift):
    wording = gift_aid_wording(amount, frequency, past=past, future=future)
    assert wording == f"I want to Gift Aid {gift} to CancerInfo. {GIFT_AID_TAXPAYER_STATEMENT}"


def test_the_declaration_names_the_charity_from_the_site_settings(settings):
    assert charity_name() == "CancerInfo"
    name_the_charity("Bone Cancer Helpers")
    assert charity_name() == "Bone Cancer Helpers"
    # Without a period, the declaration covers this donation only.
    assert gift_aid_wording(Decimal("5"), ONE_OFF) == (
        f"I want to Gift Aid my donation of £5 to Bone Cancer Helpers. {GIFT_AID_TAXPAYER_STATEMENT}"
    )


def test_without_a_name_in_the_site_settings_the_declaration_names_the_charity_from_the_environment(settings):
    name_the_charity("")
    settings.DONATIONS_CHARITY_NAME = "Bone Cancer Helpers"
    assert charity_name() == "Bone Cancer Helpers"
