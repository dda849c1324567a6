"""A section page costs the same number of SQL queries however long its booklet is."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import make_booklet

pytestmark = pytest.mark.django_db


def queries_to_render(client, url) -> int:
    client.get(url)  # warm per-process caches (site root paths, navigation) like a running server has
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_section_page_queries_do_not_grow_with_the_number_of_sections(client, site_tree):
    short = make_booklet(site_tree["cancer-types"], "Short booklet", sections=5)
    long = make_booklet(site_tree["cancer-types"], "Long booklet", sections=50)
    short_middle = short.get_children().order_by("path")[2]
    long_middle = long.get_children().order_by("path")[25]

    short_count = queries_to_render(client, short_middle.url)
    long_count = queries_to_render(client, long_middle.url)

    assert short_count == long_count
    assert long_count <= 25  # feature boxes (related questions, trials) add a few each, never per item


def test_whole_booklet_and_landing_pages_render_for_long_booklets(client, site_tree):
    long = make_booklet(site_tree["cancer-types"], "Long booklet", sections=50)
    assert client.get(long.url).status_code == 200
    response = client.get(long.whole_booklet_url)
    assert response.content.decode().count('class="whole-booklet__section"') == 50
