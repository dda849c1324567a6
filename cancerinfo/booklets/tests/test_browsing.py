"""People browse booklets by cancer type, by treatment, and through the A–Z list."""

import re

import pytest

from cancerinfo.taxonomy.models import CancerType, Treatment

from .factories import make_booklet

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(site_tree):
    bone = CancerType.objects.create(name="Secondary bone cancer")
    breast = CancerType.objects.create(name="Breast cancer", other_names="breast carcinoma")
    CancerType.objects.create(name="Anal cancer")
    chemo = Treatment.objects.create(name="Chemotherapy")
    bone_booklet = make_booklet(site_tree["cancer-types"], "Understanding secondary cancer in the bone", sections=1)
    bone_booklet.cancer_types.set([bone, breast])
    bone_booklet.save_revision().publish()
    chemo_booklet = make_booklet(site_tree["treatments"], "Understanding chemotherapy", sections=1)
    chemo_booklet.treatments.set([chemo])
    chemo_booklet.save_revision().publish()
    return {"bone": bone_booklet, "chemo": chemo_booklet}


def test_specific_cancers_lists_its_booklets_and_cancer_types(client, catalogue):
    html = client.get("/cancer-types/").content.decode()
    assert "Understanding secondary cancer in the bone" in html
    assert 'href="/cancer-types/about/breast-cancer/"' in html
    assert "Understanding chemotherapy" not in html  # it lives under treatments


def test_cancer_type_page_lists_booklets_that_cover_it(client, catalogue):
    response = client.get("/cancer-types/about/breast-cancer/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Also called: breast carcinoma." in html
    assert catalogue["bone"].url in html


def test_cancer_type_without_booklets_points_to_the_helpline(client, catalogue):
    html = client.get("/cancer-types/about/anal-cancer/").content.decode()
    assert "We do not have a booklet about anal cancer yet" in html


def test_unknown_cancer_type_is_not_found(client, catalogue):
    assert client.get("/cancer-types/about/no-such-cancer/").status_code == 404


def test_treatments_lists_booklets_by_treatment(client, catalogue):
    html = client.get("/treatments/").content.decode()
    assert 'href="/treatments/about/chemotherapy/"' in html
    assert "Understanding chemotherapy" in html


def test_a_to_z_groups_booklets_cancer_types_and_treatments_by_letter(client, catalogue):
    html = client.get("/a-z/").content.decode()
    groups = dict(re.findall(r'<section class="az-group" id="letter-(\w+)".*?<ul>(.*?)</ul>', html, re.S))
    assert set(groups) == {"a", "b", "c", "s", "u"}
    assert "Anal cancer" in groups["a"]
    assert "Breast cancer" in groups["b"] and 'href="/cancer-types/about/breast-cancer/"' in groups["b"]
    assert "Chemotherapy" in groups["c"] and 'href="/treatments/about/chemotherapy/"' in groups["c"]
    assert "Secondary bone cancer" in groups["s"]
    u_titles = re.findall(r">([^<]+)</a>", groups["u"])
    assert u_titles == ["Understanding chemotherapy", "Understanding secondary cancer in the bone"]


def test_a_to_z_letter_links_only_for_letters_with_entries(client, catalogue):
    html = client.get("/a-z/").content.decode()
    assert '<a href="#letter-b">B</a>' in html
    assert '<span class="letters__empty" aria-disabled="true">Z</span>' in html
    for letter in "abcsu":
        assert f'id="letter-{letter}"' in html


def test_draft_booklets_are_not_listed(client, catalogue):
    catalogue["chemo"].unpublish()
    assert "Understanding chemotherapy" not in client.get("/a-z/").content.decode()
    assert "Understanding chemotherapy" not in client.get("/treatments/").content.decode()


def test_a_booklets_landing_page_links_its_cancer_types_and_treatments_to_their_booklet_lists(client, catalogue):
    booklet = catalogue["bone"]
    booklet.treatments.set(Treatment.objects.filter(name="Chemotherapy"))
    booklet.save_revision().publish()

    html = client.get(booklet.url).content.decode()

    covers = html[html.index('<dl class="booklet-covers">') :]
    covers = covers[: covers.index("</dl>")]
    assert '<a href="/cancer-types/about/breast-cancer/">Breast cancer</a>' in covers
    assert '<a href="/cancer-types/about/secondary-bone-cancer/">Secondary bone cancer</a>' in covers
    assert '<a href="/treatments/about/chemotherapy/">Chemotherapy</a>' in covers
    assert client.get("/treatments/about/chemotherapy/").status_code == 200
