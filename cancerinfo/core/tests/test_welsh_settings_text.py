"""Words editors type in the site settings have a Welsh field beside them: a Welsh page shows the Welsh, an English
page the English, and a Welsh page shows the English where nobody wrote the Welsh (core/wording.py)."""

import pytest
from wagtail.models import Site

from cancerinfo.booklets.tests.factories import make_booklet
from cancerinfo.core.models import SiteSettings
from cancerinfo.translations.tests.factories import WELSH, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(site_tree):
    booklet = make_booklet(site_tree["treatments"], "Understanding testing", sections=1)
    translate(booklet, "cy", WELSH)
    section = booklet.get_children().live().first().specific
    return {"english": section, "welsh": translate(section, "cy", WELSH)}


def settings_with(**fields) -> SiteSettings:
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(site_settings, name, value)
    site_settings.save()
    return site_settings


def footer(client, page) -> str:
    html = client.get(page.url).content.decode()
    return html[html.index('<footer class="site-footer">') :]


def test_the_footer_notice_is_welsh_on_a_welsh_page_and_english_on_an_english_one(client, pages):
    settings_with(footer_notice="Demonstration content: not medical advice.", footer_notice_cy="Cynnwys arddangos.")

    assert "<strong>Cynnwys arddangos.</strong>" in footer(client, pages["welsh"])
    assert "Demonstration content" not in footer(client, pages["welsh"])
    assert "<strong>Demonstration content: not medical advice.</strong>" in footer(client, pages["english"])
    assert "Cynnwys arddangos" not in footer(client, pages["english"])


def test_the_charity_lines_are_welsh_on_a_welsh_page(client, pages):
    settings_with(
        charity_name="Example Cancer Charity",
        charity_name_cy="Elusen Canser Enghreifftiol",
        charity_registration="Registered charity in England and Wales (7654321)",
        charity_registration_cy="Elusen gofrestredig yng Nghymru a Lloegr (7654321)",
    )

    welsh = footer(client, pages["welsh"])
    assert "Elusen Canser Enghreifftiol" in welsh and "Example Cancer Charity" not in welsh
    assert "Elusen gofrestredig yng Nghymru a Lloegr (7654321)." in welsh
    assert "Registered charity" not in welsh
    assert "Example Cancer Charity" in footer(client, pages["english"])


def test_a_blank_welsh_field_shows_the_english_on_a_welsh_page(client, pages):
    settings_with(footer_notice="Demonstration content: not medical advice.", footer_notice_cy=" ", charity_name_cy="")

    welsh = footer(client, pages["welsh"])
    assert "<strong>Demonstration content: not medical advice.</strong>" in welsh
    assert "CancerInfo (sample charity)" in welsh
