"""Issue 21: the trust pages (about us, privacy notice, cookies, accessibility statement, terms) are made by the demo
and linked from every page's footer; the privacy notice's retention periods are the purge jobs' settings; the
charity's name and number show in the footer; the site has a favicon."""

import re

import pytest

from cancerinfo.core.models import SiteSettings, TrustPage
from cancerinfo.core.personal_data import registered

pytestmark = pytest.mark.django_db

TRUST_PATHS = ["/about-us/", "/privacy/", "/cookies/", "/accessibility/", "/terms/"]
RETENTION_SETTINGS = {
    "ENQUIRY_RETENTION_DAYS",
    "PUBLICATIONS_ADDRESS_RETENTION_DAYS",
    "DONATIONS_PERSONAL_DATA_RETENTION_DAYS",
    "DONATIONS_GIFT_AID_RETENTION_YEARS",
    "EMAIL_SENT_RETENTION_DAYS",
    "BACKUP_RETENTION_DAYS",
    "PRESCRIPTION_LIFETIME_DAYS",
    "PARTNER_CONTACT_RETENTION_DAYS",
    "CHAT_RETENTION_DAYS",
    "TRIAL_ALERTS_RETENTION_DAYS",
}


def footer(html: str) -> str:
    return html[html.index('<footer class="site-footer">') :]


def retention_cells(html: str) -> dict[str, str]:
    rows = re.findall(
        r'<tr data-setting="([A-Z_]+)">.*?<td[^>]*>[^<]*</td><td[^>]*>[^<]*</td><td[^>]*>([^<]*)</td></tr>', html
    )
    return dict(rows)


def test_the_demo_makes_the_five_trust_pages(client, site_tree):
    assert {page.url for page in TrustPage.objects.live()} == set(TRUST_PATHS)
    for path in TRUST_PATHS:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "Sample content" in response.content.decode() or "sample text" in response.content.decode()


def test_every_page_footer_links_the_trust_pages(client, site_tree):
    paths = ["/", *TRUST_PATHS] + [page.url for page in site_tree.values() if page.url and page.live]
    for path in dict.fromkeys(paths):
        response = client.get(path)
        if response.status_code != 200:
            continue
        links = footer(response.content.decode())
        for trust_path in TRUST_PATHS:
            assert f'href="{trust_path}"' in links, (path, trust_path)


def test_the_privacy_notice_shows_each_retention_setting(client, site_tree, settings):
    assert {kind.setting for kind in registered()} == RETENTION_SETTINGS
    cells = retention_cells(client.get("/privacy/").content.decode())
    assert set(cells) == RETENTION_SETTINGS
    for name, cell in cells.items():
        assert cell.startswith(f"{getattr(settings, name)} "), (name, cell)


def test_the_privacy_notice_follows_a_changed_setting(client, site_tree, settings):
    settings.ENQUIRY_RETENTION_DAYS = 123
    settings.DONATIONS_GIFT_AID_RETENTION_YEARS = 9
    cells = retention_cells(client.get("/privacy/").content.decode())
    assert cells["ENQUIRY_RETENTION_DAYS"].startswith("123 days")
    assert cells["DONATIONS_GIFT_AID_RETENTION_YEARS"].startswith("9 years")


def test_the_footer_shows_the_charity_name_and_number(client, site_tree):
    site_settings = SiteSettings.for_site(site_tree["home"].get_site())
    site_settings.charity_name = "Example Cancer Charity"
    site_settings.charity_registration = "Registered charity in England and Wales (7654321)"
    site_settings.save()
    links = footer(client.get("/").content.decode())
    assert "Example Cancer Charity" in links
    assert "Registered charity in England and Wales (7654321)" in links


def test_the_favicon_is_an_image(client, site_tree):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert 'rel="icon"' in client.get("/").content.decode()
