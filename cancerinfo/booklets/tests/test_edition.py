"""A booklet keeps its edition in one place, the booklet itself, and every view shows that one: the landing page,
each section, the one-page view, the PDF and the publications catalogue. They once disagreed ("3rd edition, 3 March
2026" on one, "Edition September 2026", the catalogue's print date, on another)."""

import datetime

import pytest
from bs4 import BeautifulSoup

from cancerinfo.publications.models import BookletPdf
from cancerinfo.publications.pdf import render_booklet_html
from cancerinfo.publications.tests.factories import catalogue, make_publication

from .factories import make_booklet

pytestmark = pytest.mark.django_db

EDITION = "3rd edition, March 2026"


def shown_edition(html: str) -> list[str]:
    """What each "Edition" label on the page says."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in soup.find_all("dt")
        if dt.get_text(strip=True).rstrip(":") == "Edition"
    ]


@pytest.fixture
def booklet(site_tree):
    return make_booklet(
        site_tree["cancer-types"],
        "Understanding editions",
        sections=2,
        edition="3rd edition",
        edition_date=datetime.date(2026, 3, 3),
        last_reviewed=datetime.date(2026, 9, 14),
    )


def test_every_view_of_a_booklet_shows_its_one_edition(client, site_tree, booklet):
    publication = make_publication(booklet=booklet, edition_date=datetime.date(2026, 9, 1))  # printed later
    section = booklet.get_children().live().order_by("path").first()
    listing = catalogue(site_tree).url
    views = {
        "landing page": booklet.url,
        "section": section.url,
        "one-page view": booklet.whole_booklet_url,
        "publications catalogue": listing,
        "publication page": f"{listing}{publication.code}/",
    }
    for name, url in views.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert shown_edition(response.content.decode()) == [EDITION], name

    assert shown_edition(render_booklet_html(booklet, BookletPdf.VARIANT_STANDARD)) == [EDITION]


def test_a_new_edition_shows_everywhere_once_published(client, site_tree, booklet):
    publication = make_publication(booklet=booklet)
    booklet.edition, booklet.edition_date = "4th edition", datetime.date(2027, 1, 20)
    booklet.save_revision().publish()

    assert shown_edition(client.get(booklet.url).content.decode()) == ["4th edition, January 2027"]
    listing = client.get(f"{catalogue(site_tree).url}{publication.code}/").content.decode()
    assert shown_edition(listing) == ["4th edition, January 2027"]
    assert shown_edition(render_booklet_html(booklet, BookletPdf.VARIANT_STANDARD)) == ["4th edition, January 2027"]
