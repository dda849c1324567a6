"""Browser tests run in transactional tests, which empty the database when they end. Data written by migrations
(topics, groups, thesaurus...) must be back for the tests that follow, whatever order they run in."""

import pytest
from django.contrib.auth.models import Group

from cancerinfo.taxonomy.models import Topic


def seeded() -> bool:
    return Topic.objects.filter(slug="symptoms").exists() and Group.objects.filter(name="Editors").exists()


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_sees_the_seeded_data(site_tree):
    assert seeded()


@pytest.mark.django_db(transaction=True)
def test_a_second_transactional_test_still_sees_it_after_the_first_flushed(site_tree):
    assert seeded()


def test_an_ordinary_test_after_them_sees_it_too(site_tree):
    assert seeded()
