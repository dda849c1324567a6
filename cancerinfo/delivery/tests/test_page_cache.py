"""Readers get stored pages without touching the database; any content change shows at once."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cancerinfo.booklets.tests.factories import make_booklet, publish
from cancerinfo.delivery.page_cache import cache_key, lifetime, limit_cache_lifetime

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def section(site_tree):
    booklet = make_booklet(site_tree["cancer-types"], "Understanding caching", sections=2, slug="caching")
    return booklet.get_children().first().specific


def test_second_visit_is_served_from_the_page_cache_without_queries(client, section):
    first = client.get(section.url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(section.url)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries.captured_queries) == 0
    assert second.content == first.content
    assert second["Cache-Control"] == first["Cache-Control"]


def test_publishing_a_change_shows_at_once(client, section):
    client.get(section.url)
    section.title = "Renamed section"
    publish(section)
    response = client.get(section.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Renamed section" in response.content.decode()


def test_signed_in_staff_never_get_or_fill_the_cache(client, section):
    client.get(section.url)  # cached for readers
    staff = get_user_model().objects.create_user("editor", password="a long enough password", is_staff=True)
    client.force_login(staff)
    response = client.get(section.url)
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]


def test_search_and_admin_are_never_cached(rf, settings):
    assert cache_key(rf.get("/search/?q=bone")) is None
    assert cache_key(rf.get("/admin/")) is None
    assert cache_key(rf.post("/cancer-types/")) is None
    assert cache_key(rf.get("/cancer-types/")) is not None


def test_a_deploy_never_serves_an_older_releases_cached_page(rf):
    with override_settings(RELEASE="release-1"):
        before = cache_key(rf.get("/cancer-types/"))
    with override_settings(RELEASE="release-2"):
        assert cache_key(rf.get("/cancer-types/")) != before


def test_a_page_that_changes_soon_is_kept_only_until_then(rf):
    request = rf.get("/")
    limit_cache_lifetime(request, 600)
    limit_cache_lifetime(request, 90.5)  # e.g. the helpline closes in 90 seconds
    assert lifetime(request, 300) == 90
    assert lifetime(rf.get("/"), 300) == 300


def test_feedback_from_readers_does_not_drop_the_cached_pages(section):
    from cancerinfo.delivery.page_cache import content_version
    from cancerinfo.governance.models import Feedback
    from cancerinfo.taxonomy.models import Topic

    before = content_version()
    Feedback.objects.create(page=section, helpful=True)
    assert content_version() == before
    Topic.objects.create(name="Sleep", slug="sleep")  # content does
    assert content_version() != before
