"""Each demo booklet names each of its parts once, wherever its contents are listed: beside a section, on the
one-page view and in the PDF. The demo once had a References section as well as the booklet's own references,
which every view lists after the sections, so "26. References" was followed by "27. References"."""

import io

import pytest
from bs4 import BeautifulSoup

from cancerinfo.booklets import demo
from cancerinfo.booklets.models import BookletPage
from cancerinfo.publications.models import BookletPdf
from cancerinfo.publications.pdf import render_booklet_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_booklets(site_tree):
    demo.load(site_tree, io.StringIO())
    # The booklets for patients; the easy-read one lists its pages its own way (test_easy_read_demo.py).
    return list(BookletPage.objects.live().filter(audience=BookletPage.AUDIENCE_PATIENTS).order_by("path"))


def repeated(titles: list[str]) -> list[str]:
    return sorted({title for title in titles if titles.count(title) > 1})


def texts(soup, selector: str) -> list[str]:
    return [element.get_text(" ", strip=True) for element in soup.select(selector)]


def test_no_title_repeats_in_the_contents_of_a_demo_booklet(client, demo_booklets):
    assert len(demo_booklets) == 3
    for booklet in demo_booklets:
        assert booklet.references, f"{booklet.title}: the demo booklets list their references"
        first_section = booklet.get_children().live().order_by("path").first()

        beside_section = BeautifulSoup(client.get(first_section.url).content, "html.parser")
        contents = texts(beside_section, ".contents__open .contents__list li")
        assert len(contents) >= 5
        assert repeated(contents) == [], f"{booklet.title}: contents beside a section"

        one_page = BeautifulSoup(client.get(booklet.whole_booklet_url).content, "html.parser")
        contents = texts(one_page, ".whole-booklet .contents__list li")
        assert contents[-1] == "References"
        assert repeated(contents) == [], f"{booklet.title}: contents of the one-page view"
        assert repeated(texts(one_page, ".whole-booklet__section > h2, .whole-booklet > .references > h2")) == [], (
            f"{booklet.title}: one-page view's headings"
        )

        pdf = BeautifulSoup(render_booklet_html(booklet, BookletPdf.VARIANT_STANDARD), "html.parser")
        contents = texts(pdf, ".toc__list li")
        assert contents[-1] == "References"
        assert repeated(contents) == [], f"{booklet.title}: contents of the PDF"
        assert repeated(texts(pdf, "h2.section__title")) == [], f"{booklet.title}: the PDF's headings"


def test_loading_the_demo_again_removes_a_section_whose_file_has_gone(site_tree, demo_booklets):
    from cancerinfo.booklets.tests.factories import add_section

    booklet = demo_booklets[0]
    add_section(booklet, "References", slug="references")

    demo.load(site_tree, io.StringIO())

    assert not booklet.get_children().filter(slug="references").exists()
