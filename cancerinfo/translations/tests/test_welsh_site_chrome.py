"""On a Welsh page the whole site speaks Welsh: the header, menus, breadcrumbs, helpline hours and footer (the
committed catalogue, locale/cy), and navigation to pages that have a Welsh version leads there, under the Welsh
title. Pages with no Welsh version keep their English title and address. English pages are unchanged."""

import re

import pytest

from cancerinfo.booklets.tests.factories import make_booklet

from .factories import WELSH, translate

pytestmark = pytest.mark.django_db

TREATMENTS_IN_WELSH = {"Cancer treatments": "Triniaethau canser"}


@pytest.fixture
def welsh_section(site_tree):
    booklet = make_booklet(site_tree["treatments"], "Understanding testing", sections=1)
    translate(site_tree["treatments"], "cy", TREATMENTS_IN_WELSH)
    translate(booklet, "cy", WELSH)
    return translate(booklet.get_children().live().first().specific, "cy", WELSH)


def test_the_chrome_of_a_welsh_page_is_in_welsh(client, welsh_section):
    response = client.get(welsh_section.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Llinell nyrsys am ddim" in html  # the helpline's label
    assert "Dydd Llun – Dydd Gwener, 9yb i 5yh" in html  # its hours, in the header and the footer
    assert "Monday to Friday" not in html
    assert 'aria-label="Briwsion bara"' in html
    assert re.search(r'<li><a href="/cy/">Hafan</a></li>', html)  # the breadcrumb's first step
    assert "Ffoniwch ein nyrsys am ddim ar" in html


def navigation(html: str) -> str:
    """The header's "Cancer information" bar (not the breadcrumbs, which follow the Welsh page's own ancestors)."""
    return re.search(r'<nav class="sub-nav".*?</nav>', html, re.S).group(0)


def test_navigation_leads_to_the_welsh_page_under_its_welsh_title(client, site_tree, welsh_section):
    html = client.get(welsh_section.url).content.decode()

    assert '<a href="/cy/treatments/" aria-current="true">Triniaethau canser</a>' in navigation(html)
    assert ">Cancer treatments<" not in html  # in the menu and the footer neither
    # A page with no Welsh version: its English title and address.
    glossary = site_tree["glossary"]
    assert f'<a href="{glossary.url}">{glossary.title}</a>' in navigation(html)


def test_english_pages_keep_english_navigation(client, site_tree, welsh_section):
    html = client.get(site_tree["treatments"].url).content.decode()

    assert '<a href="/treatments/" aria-current="page">Cancer treatments</a>' in html
    assert "Triniaethau canser" not in html
    assert "Monday to Friday, 9am to 5pm" in html
