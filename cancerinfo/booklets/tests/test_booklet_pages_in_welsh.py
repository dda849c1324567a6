"""A Welsh reader on a Welsh booklet section reads the page's own words in Welsh, and every word around them too: the
contents, the pager, the booklet's search box, the Listen control, the feedback form and the feeds' titles
(locale/cy). Nothing of that is left in English."""

import pytest

from cancerinfo.translations.tests.factories import WELSH, assert_english_kept, translate, welsh_page_html

from .factories import make_booklet

pytestmark = pytest.mark.django_db

WELSH_TWO_SECTIONS = {**WELSH, "Section 2": "Adran 2", "Text of section 2.": "Testun adran dau, yn Gymraeg."}

# The words around the section: (Welsh, the English it replaces).
AROUND_THE_TEXT = [
    ('aria-label="Cynnwys Deall profion"', 'aria-label="Contents of'),
    ('<h2 class="contents__heading">Cynnwys</h2>', '<h2 class="contents__heading">Contents</h2>'),
    ("(adran 1 o 2)", "(section 1 of 2)"),
    ("Darllen y llyfryn cyfan ar un dudalen", "Read the whole booklet on one page"),
    ('aria-label="Yr adran flaenorol a\'r adran nesaf"', "Previous and next sections"),
    ('<span class="pager__label">Nesaf:</span> Adran 2', '<span class="pager__label">Next:</span>'),
    ("Chwilio'r llyfryn hwn", "Search this booklet"),
    ("Gwrando ar y dudalen hon", "Listen to this page"),
    ("Oedd y dudalen hon yn ddefnyddiol?", "Was this page helpful?"),
    ("Anfon adborth", "Send feedback"),
    ('title="Newidiadau diweddar (Atom)"', "Recent changes (Atom)"),
    ('title="Newidiadau diweddar: Deall profion (JSON Feed)"', 'title="Recent changes: '),
]


@pytest.fixture
def welsh_booklet(site_tree):
    translate(site_tree["treatments"], "cy", {"Cancer treatments": "Triniaethau canser"})
    booklet = make_booklet(site_tree["treatments"], "Understanding testing", sections=2)
    pages = {"english": booklet, "welsh": translate(booklet, "cy", WELSH_TWO_SECTIONS)}
    sections = booklet.get_children().live().order_by("path").specific()
    pages["english section"] = sections[0]
    pages["welsh section"] = [translate(section, "cy", WELSH_TWO_SECTIONS) for section in sections][0]
    return pages


def test_a_welsh_section_has_no_english_around_its_text(client, welsh_booklet):
    welsh_page_html(client.get(welsh_booklet["welsh section"].url), AROUND_THE_TEXT)


def test_the_welsh_booklet_page_invites_the_reader_in_welsh(client, welsh_booklet):
    html = client.get(welsh_booklet["welsh"].url).content.decode()

    assert "Dechrau darllen: Adran 1" in html
    assert "Start reading" not in html
    assert "gyfres o lyfrynnau Understanding" in html and "booklet series" not in html


def test_the_english_section_keeps_its_english(client, welsh_booklet):
    assert_english_kept(client.get(welsh_booklet["english section"].url).content.decode(), AROUND_THE_TEXT)
