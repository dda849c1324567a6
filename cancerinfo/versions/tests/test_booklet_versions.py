"""Booklets with a professional version show "For patients / For health professionals"; others show nothing."""

import pytest

from cancerinfo.booklets.tests.factories import add_section, make_booklet
from cancerinfo.versions.models import ContentVersion

pytestmark = pytest.mark.django_db


class Quiet:
    def write(self, text):
        pass


@pytest.fixture
def pair(site_tree):
    patient = make_booklet(site_tree["cancer-types"], title="Understanding bone pain", sections=0)
    add_section(patient, "Symptoms")
    add_section(patient, "Coping at home")
    professional = make_booklet(
        site_tree["cancer-types"], title="Bone pain for professionals", sections=0, audience="professionals"
    )
    add_section(professional, "Symptoms")
    ContentVersion.objects.create(original=patient, version=professional, audience="professionals")
    return patient, professional


def switch(client, url):
    html = client.get(url).content.decode()
    if "audience-switch" not in html:
        return None
    start = html.index('<nav class="audience-switch"')
    return html[start : html.index("</nav>", start)]


def test_a_patient_section_links_to_the_same_section_for_professionals(client, pair):
    patient, professional = pair
    nav = switch(client, f"{patient.url}symptoms/")
    assert '<span aria-current="page">For patients</span>' in nav
    assert f'<a href="{professional.url}symptoms/">For health professionals</a>' in nav


def test_the_professional_section_links_back(client, pair):
    patient, professional = pair
    nav = switch(client, f"{professional.url}symptoms/")
    assert '<span aria-current="page">For health professionals</span>' in nav
    assert f'<a href="{patient.url}symptoms/">For patients</a>' in nav


def test_without_the_same_section_the_switch_falls_back_to_the_booklet_landing_page(client, pair):
    patient, professional = pair
    nav = switch(client, f"{patient.url}coping-at-home/")
    assert f'<a href="{professional.url}">For health professionals</a>' in nav


def test_booklet_landing_pages_switch_to_each_other(client, pair):
    patient, professional = pair
    assert f'<a href="{professional.url}">For health professionals</a>' in switch(client, patient.url)
    assert f'<a href="{patient.url}">For patients</a>' in switch(client, professional.url)


def test_no_switch_without_a_professional_version(client, site_tree):
    alone = make_booklet(site_tree["cancer-types"], title="Understanding fatigue", sections=1)
    assert client.get(alone.url).status_code == 200
    assert switch(client, alone.url) is None
    assert switch(client, f"{alone.url}section-1/") is None


def test_no_switch_when_the_professional_version_is_unpublished(client, pair):
    patient, professional = pair
    professional.unpublish()
    assert switch(client, patient.url) is None


def test_the_demo_has_a_professional_version_of_a_demo_booklet_section(client, site_tree):
    from cancerinfo.booklets import demo as booklet_demo
    from cancerinfo.prescriptions import demo

    booklet_demo.load(site_tree, Quiet())
    demo.load(site_tree, Quiet())
    demo.load(site_tree, Quiet())  # safe to run twice
    link = ContentVersion.objects.get(audience="professionals")  # the demo has an easy-read version too
    assert link.version.title == "Secondary bone cancer: information for health professionals"
    assert link.version.get_children().count() == 3
    nav = switch(client, f"{link.original.url}what-are-the-symptoms/")
    assert f'<a href="{link.version.url}what-are-the-symptoms/">For health professionals</a>' in nav
    listing = client.get("/health-professionals/").content.decode()
    assert "Secondary bone cancer: information for health professionals" in listing


def test_the_switch_costs_no_query_once_the_pairs_are_read(pair, site_tree, django_assert_num_queries):
    from cancerinfo.versions.templatetags.versions_tags import audience_switch

    alone = make_booklet(site_tree["cancer-types"], title="Understanding fatigue", sections=0)
    with django_assert_num_queries(4):  # the versions, the private areas and aliases (read once), the sections
        assert audience_switch({}, alone) == {"targets": []}
    with django_assert_num_queries(0):
        assert audience_switch({}, alone) == {"targets": []}
        assert len(audience_switch({}, pair[0])["targets"]) == 2
    # A new version is seen at once.
    ContentVersion.objects.filter(original=pair[0]).update(original=alone)  # no signal
    ContentVersion.objects.get().save()
    assert len(audience_switch({}, alone)["targets"]) == 2
