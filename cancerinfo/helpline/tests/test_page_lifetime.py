"""Every page shows whether the helpline is open now: no cache in front may keep a page past the moment that
changes. The helpline declares when that is (its hole, apps.py); no template tag sets a page's lifetime."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import override_settings

from cancerinfo.helpline import services
from cancerinfo.helpline.models import WeeklyHours
from cancerinfo.helpline.services import UK

pytestmark = pytest.mark.django_db

CLOSES_IN = 120  # seconds: Wednesday 25 November 2026, 4:58pm in London, two minutes before the line closes


@pytest.fixture
def two_minutes_before_closing(monkeypatch):
    moment = datetime.datetime(2026, 11, 25, 16, 58, tzinfo=UK)
    monkeypatch.setattr(services, "timezone", SimpleNamespace(now=lambda: moment, localdate=moment.date))


def seconds(cache_control: str, directive: str) -> int:
    return int(re.search(rf"\b{directive}=(\d+)", cache_control)[1])


def test_caches_keep_a_page_no_longer_than_the_helpline_stays_open(client, site_tree, two_minutes_before_closing):
    response = client.get("/cancer-types/")
    assert "Open now, until 5pm" in response.content.decode()
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert 0 < seconds(cache_control, "s-maxage") <= CLOSES_IN  # not the 300 seconds shared caches get otherwise
    assert seconds(cache_control, "max-age") <= CLOSES_IN


def test_a_page_served_from_its_kept_rendering_is_limited_the_same_way(client, site_tree, two_minutes_before_closing):
    with override_settings(STORED_RENDERING=True, STORED_RENDERING_SECONDS=3600):
        client.get("/cancer-types/")
        served = client.get("/cancer-types/")
    assert served["X-Rendering"] == "stored"
    assert 0 < seconds(served["Cache-Control"], "s-maxage") <= CLOSES_IN


def test_without_opening_hours_a_page_is_kept_as_long_as_any_other(client, site_tree, settings):
    WeeklyHours.objects.all().delete()
    cache.clear()  # the schedule is cached until an editor changes it
    response = client.get("/cancer-types/")
    assert '<span class="helpline__status-long">Closed.</span>' in response.content.decode()  # and no time it opens
    assert seconds(response["Cache-Control"], "s-maxage") == settings.CACHE_SHARED_MAX_AGE
