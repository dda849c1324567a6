"""Resources and support: the directory lists organisations and filters them by region, cancer type and topic."""

import io

import pytest

from cancerinfo.booklets.tests.factories import add_section, make_booklet
from cancerinfo.organisations import demo
from cancerinfo.organisations.models import Organisation, Region, SupportDirectoryPage
from cancerinfo.taxonomy.models import CancerType, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(site_tree):
    page = site_tree["support"]
    assert isinstance(page, SupportDirectoryPage)
    return page


@pytest.fixture
def orgs(db):
    bowel = CancerType.objects.create(name="Bowel cancer")
    money = Topic.objects.get(slug="practical-and-money")
    feelings = Topic.objects.get(slug="feelings")
    everywhere = Organisation.objects.create(name="Everywhere Help", summary="Helps anyone.", region=Region.UK)
    everywhere.topics.set([feelings])
    everywhere.save()
    scots = Organisation.objects.create(name="Scottish Money Help", summary="Money help.", region=Region.SCOTLAND)
    scots.topics.set([money])
    scots.save()
    welsh = Organisation.objects.create(
        name="Welsh Bowel Group", summary="For bowel cancer.", region=Region.WALES, phone="0808 157 0999"
    )
    welsh.cancer_types.set([bowel])
    welsh.save()
    Organisation.objects.create(name="Hidden One", summary="Not live.", live=False)
    return {"bowel": bowel, "money": money}


def names(response):
    return [org.name for org in response.context["organisations"]]


def test_lists_live_organisations(client, directory, orgs):
    response = client.get(directory.url)
    assert response.status_code == 200
    assert names(response) == ["Everywhere Help", "Scottish Money Help", "Welsh Bowel Group"]
    assert b'href="tel:08081570999"' in response.content


def test_region_filter_includes_uk_wide_organisations(client, directory, orgs):
    assert names(client.get(directory.url, {"region": "scotland"})) == ["Everywhere Help", "Scottish Money Help"]


def test_cancer_type_filter_keeps_organisations_for_any_cancer(client, directory, orgs):
    response = client.get(directory.url, {"cancer_type": "bowel-cancer"})
    assert names(response) == ["Everywhere Help", "Scottish Money Help", "Welsh Bowel Group"]
    response = client.get(directory.url, {"cancer_type": "bowel-cancer", "region": "scotland"})
    assert names(response) == ["Everywhere Help", "Scottish Money Help"]


def test_topic_filter(client, directory, orgs):
    assert names(client.get(directory.url, {"topic": "practical-and-money"})) == ["Scottish Money Help"]


def test_unknown_filter_values_are_ignored_not_an_error(client, directory, orgs):
    response = client.get(directory.url, {"region": "<script>", "cancer_type": "nope", "topic": "x" * 500})
    assert response.status_code == 200
    assert len(names(response)) == 3
    assert b"<script>" not in response.content


def test_no_matches_offers_the_helpline(client, directory, orgs):
    response = client.get(directory.url, {"region": "northern-ireland", "topic": "practical-and-money"})
    assert names(response) == []
    assert b"No organisations match" in response.content


def test_query_count_does_not_grow_with_the_number_of_organisations(
    client, directory, orgs, django_assert_max_num_queries
):
    client.get(directory.url)
    with django_assert_max_num_queries(20) as small:
        response = client.get(directory.url)
    assert response.status_code == 200
    shown_before = response.content.decode().count("Extra ")
    for number in range(20):
        org = Organisation.objects.create(name=f"Extra {number}", summary="More help.")
        org.cancer_types.set([orgs["bowel"]])
        org.topics.set([orgs["money"]])
        org.save()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(directory.url)
    assert response.status_code == 200
    assert shown_before == 0
    assert "Extra 19" in response.content.decode()


def test_demo_organisations_are_marked_and_safe_to_load_twice(client, directory):
    demo.load({}, io.StringIO())
    demo.load({}, io.StringIO())
    assert Organisation.objects.count() == len(demo.DEMO_ORGANISATIONS)
    assert all(org.is_demonstration for org in Organisation.objects.all())
    response = client.get(directory.url)
    assert response.content.count(b"Demonstration: a made-up organisation") == len(demo.DEMO_ORGANISATIONS)


def test_who_can_help_section_links_to_the_directory(client, site_tree, directory):
    booklet = make_booklet(site_tree["living-with-cancer"], title="Caring for someone", sections=1)
    booklet.cancer_types.add(CancerType.objects.create(name="Bowel cancer"))
    booklet.save()
    who = add_section(booklet, "Who can help", slug="who-can-help")
    content = client.get(who.url).content.decode()
    assert f'href="{directory.url}?cancer_type=bowel-cancer"' in content
    other = booklet.get_children().exclude(pk=who.pk).first()
    assert "Organisations that can help" not in client.get(other.url).content.decode()


def test_practical_and_money_sections_link_to_the_directory(client, site_tree, directory):
    booklet = make_booklet(site_tree["living-with-cancer"], title="Work and money", sections=1)
    section = booklet.get_children().first().specific
    section.topics.add(Topic.objects.get(slug="practical-and-money"))
    section.save_revision().publish()
    assert "Organisations that can help" in client.get(section.url).content.decode()
