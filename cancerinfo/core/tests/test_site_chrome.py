"""Every page carries the helpline, the navigation of the old service, and the demo-content notice."""

import pytest

from cancerinfo.core.models import SiteSettings

pytestmark = pytest.mark.django_db

PRIMARY = [
    "Cancer information",
    "Clinical trials",
    "Questions and answers",
    "Health professionals",
    "Resources and support",
    "Support us",
    "Contact us",
]
CANCER_INFORMATION = ["Specific cancers", "Cancer treatments", "Living with cancer", "A–Z list", "Printed publications"]


def test_header_shows_the_freephone_helpline_as_a_tap_to_call_link(client, site_tree):
    settings = SiteSettings.for_site(site_tree["home"].get_site())
    settings.helpline_number = "0808 157 0192"
    settings.save()
    html = client.get("/").content.decode()
    number = html[html.index('<a href="tel:08081570192">') : html.index("</header>")]
    assert '<span class="helpline__digits">0808 157 0192</span></a>' in number
    assert "Monday to Friday, 9am to 5pm" in html  # from the helpline's weekly timetable


def test_navigation_reaches_every_part_of_the_service(client, site_tree):
    html = client.get("/").content.decode()
    nav = html[html.index('aria-label="Main"') : html.index("</header>")]
    positions = [nav.index(f">{label}</a>") for label in PRIMARY + CANCER_INFORMATION]
    assert positions[: len(PRIMARY)] == sorted(positions[: len(PRIMARY)])
    for label in PRIMARY + CANCER_INFORMATION:
        assert f">{label}</a>" in nav


def test_every_page_has_a_search_box_ask_a_nurse_and_donate_in_its_header(client, site_tree):
    """In the header of every page, also while the helpline is closed: a search box (in the Menu on a phone, in the
    header on a larger screen; tests/test_browser_layout.py checks which is shown), and Ask a nurse and Donate, the
    links site settings name (header_actions)."""
    ask_a_nurse = site_tree["contact-us"].url + "ask-a-nurse/"
    for page in (site_tree["home"], site_tree["a-z"], site_tree["trust:privacy"]):
        html = client.get(page.url).content.decode()
        header = html[html.index("<header") : html.index("</header>")]
        assert f'href="{ask_a_nurse}">Ask a nurse</a>' in header
        assert f'href="{site_tree["support-us"].url}">Donate</a>' in header
        assert header.count('role="search" aria-label="Site"') == 2  # the Menu's and the larger screens'
        assert header.count('name="q" type="search"') == 2
    assert client.get(ask_a_nurse).status_code == 200


def test_the_header_buttons_follow_site_settings(client, site_tree):
    settings = SiteSettings.for_site(site_tree["home"].get_site())
    settings.header_actions = [("link", {"page": site_tree["questions"], "label": "", "subpage": ""})]
    settings.save()
    header = client.get("/").content.decode().split("</header>")[0]
    assert f'class="header-actions__link header-actions__link--last" href="{site_tree["questions"].url}">' in header
    assert ">Donate</a>" not in header


def test_every_area_page_is_served_and_lists_what_it_holds(client, site_tree):
    for slug, page in site_tree.items():
        response = client.get(page.url)
        assert response.status_code == 200, slug
        assert "coming soon" not in response.content.decode().lower()
    hub = client.get("/cancer-information/").content.decode()
    for label in CANCER_INFORMATION:
        assert f">{label}</a>" in hub


def test_footer_marks_the_content_as_a_demonstration(client, site_tree):
    html = client.get("/").content.decode()
    assert "Demonstration content: not medical advice" in html


def test_navigation_updates_when_a_page_is_unpublished(client, site_tree):
    assert ">Support us</a>" in client.get("/").content.decode()
    site_tree["support-us"].unpublish()
    assert ">Support us</a>" not in client.get("/").content.decode()


def test_unknown_pages_get_a_helpful_not_found_page(client, site_tree):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and 'href="/search/"' in html


def test_the_header_and_footer_cost_no_query_once_cached(client, site_tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    assert "0808 157 0192" in html and "| CancerInfo</title>" in html
    chrome = [q["sql"] for q in queries if "wagtailcore_site" in q["sql"] or "core_sitesettings" in q["sql"]]
    assert chrome == []


def test_a_changed_helpline_number_or_site_name_shows_at_once(client, site_tree):
    client.get("/")
    settings = SiteSettings.for_site(site_tree["home"].get_site())
    settings.helpline_number = "0800 000 0000"
    settings.save()
    assert "0800 000 0000" in client.get("/").content.decode()
    site = site_tree["home"].get_site()
    site.site_name = "Cancer Help Example"
    site.save()
    assert "| Cancer Help Example</title>" in client.get("/").content.decode()


def test_building_the_navigation_reads_each_list_once_however_many_pages_it_links(site_tree):
    # A cold cache (after any publish) rebuilds the header and footer links: a query per list of links, not one per
    # linked page.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cancerinfo.delivery.navigation import invalidate_navigation, site_navigation

    settings = SiteSettings.objects.get(site__is_default_site=True)
    invalidate_navigation()
    with CaptureQueriesContext(connection) as queries:
        navigation = site_navigation(settings)
    assert [item.title for item in navigation["primary"]] == PRIMARY
    assert set(CANCER_INFORMATION) <= {item.title for item in navigation["cancer_information"]}
    assert [item.title for item in navigation["actions"]] == ["Ask a nurse", "Donate"]
    linked = sum(len(navigation[name]) for name in ("primary", "cancer_information", "footer", "actions"))
    # One query per list, and two for the sites' root paths (page addresses: the sites, then their home pages'
    # translations, as Wagtail reads them with WAGTAIL_I18N_ENABLED), whatever the number of links.
    assert linked > 14 and len(queries) <= 6, [q["sql"][:90] for q in queries]
