"""The catalogue: every publication with its formats, filters by cancer type and format, and links from booklets."""

import pytest

from cancerinfo.booklets.tests.factories import make_booklet
from cancerinfo.taxonomy.models import CancerType

from .factories import catalogue, make_publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def titles(site_tree):
    bone = CancerType.objects.create(name="Secondary bone cancer", slug="secondary-bone-cancer")
    booklet = make_booklet(site_tree["cancer-types"], "Understanding secondary bone cancer", sections=2)
    booklet.cancer_types.add(bone)
    booklet.save_revision().publish()
    return {
        "booklet": make_publication("CI-0001", booklet.title, booklet=booklet, large_print=True),
        "leaflet": make_publication(
            "CI-L001", "Talking to our nurses", easy_read=True, pdf=False, languages="English, Welsh"
        ),
        "gone": make_publication("CI-0009", "An old booklet", out_of_print=True, stock_count=0, pdf=False),
        "bone": bone,
        "booklet_page": booklet,
    }


def test_catalogue_lists_every_publication_with_code_edition_and_formats(client, site_tree, titles):
    html = client.get(catalogue(site_tree).url).content.decode()
    for title in ("Understanding secondary bone cancer", "Talking to our nurses", "An old booklet"):
        assert title in html
    assert "CI-0001" in html and "March 2026" in html
    assert "Standard print, Large print, PDF" in html
    assert "English, Welsh" in html
    assert "Out of print" in html
    assert html.count("Add to basket<") == 2


def test_filter_by_cancer_type_and_format(client, site_tree, titles):
    url = catalogue(site_tree).url
    html = client.get(url + "?cancer_type=secondary-bone-cancer").content.decode()
    assert "Understanding secondary bone cancer" in html and "Talking to our nurses" not in html
    html = client.get(url + "?format=easy-read").content.decode()
    assert "Talking to our nurses" in html and "Understanding secondary bone cancer" not in html
    html = client.get(url + "?format=pdf").content.decode()
    assert "Understanding secondary bone cancer" in html and "An old booklet" not in html
    assert (
        "1 publication about secondary bone cancer"
        in client.get(url + "?cancer_type=secondary-bone-cancer&format=large-print").content.decode()
    )


def test_catalogue_queries_do_not_grow_with_the_number_of_titles(
    client, site_tree, titles, django_assert_max_num_queries
):
    url = catalogue(site_tree).url
    client.get(url)  # warm the navigation and settings caches
    with django_assert_max_num_queries(25) as few:
        response = client.get(url)
    assert response.status_code == 200
    assert "Talking to our nurses" in response.content.decode()
    for number in range(10, 50):
        make_publication(f"CI-00{number}", f"Extra title {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Extra title 10" in html and "Talking to our nurses" in html


def test_booklet_pages_link_to_order_or_download(client, site_tree, titles):
    booklet = titles["booklet_page"]
    detail = catalogue(site_tree).url + "CI-0001/"
    assert f'href="{detail}"' in client.get(booklet.url).content.decode()
    section = booklet.get_children().first()
    assert f'href="{detail}"' in client.get(section.url).content.decode()

    html = client.get(detail).content.decode()
    assert "Download the PDF" in html and "Download the large-print PDF" in html
    assert f"booklet/{booklet.pk}/pdf/standard/" in html


def test_a_booklet_without_a_record_still_offers_its_pdf(client, site_tree):
    booklet = make_booklet(site_tree["cancer-types"], "Understanding scans", sections=1)
    link = catalogue(site_tree).url + f"booklet/{booklet.pk}/"
    assert f'href="{link}"' in client.get(booklet.url).content.decode()
    html = client.get(link).content.decode()
    assert f"booklet/{booklet.pk}/pdf/large-print/" in html
