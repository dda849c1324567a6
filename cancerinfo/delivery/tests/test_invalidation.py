"""Caches are dropped only by what readers see changing: editors' drafts and visitors' own actions drop nothing,
a publish drops the page and its listings but not the rest of the site, and no reader is served a page older than
the publish that changed it."""

import pytest
from django.test import override_settings
from django.utils import timezone

from cancerinfo.booklets.tests.factories import make_booklet, publish
from cancerinfo.delivery import versions
from cancerinfo.delivery.fragments import fragment_key
from cancerinfo.search import services as search_services

pytestmark = pytest.mark.django_db

CACHED = override_settings(PAGE_CACHE_SECONDS=300, FRAGMENT_CACHE_SECONDS=300)


@pytest.fixture
def booklets(site_tree):
    return (
        make_booklet(site_tree["cancer-types"], "Bone booklet", sections=3),
        make_booklet(site_tree["cancer-types"], "Lung booklet", sections=3),
    )


def served_from_cache(client, url) -> bool:
    response = client.get(url)
    assert response.status_code == 200
    return response.get("X-Page-Cache") == "hit"


def everything_readers_see(client, urls, request_factory, booklet):
    """Whether each page is still served from the page cache, the fragment key of a contents list, and the search
    index's version."""
    request = request_factory.get(booklet.url)
    return (
        [served_from_cache(client, url) for url in urls],
        fragment_key(request, "booklet-contents", booklet.pk, depends_on=("tree:" + booklet.url,)),
        search_services.index_state(),
    )


def leave_feedback(page):
    from cancerinfo.governance.models import Feedback

    Feedback.objects.create(page=page, helpful=True, comment="Clear, thank you.")


def send_enquiry(page):
    from cancerinfo.enquiries.models import Enquiry

    Enquiry.objects.create(
        reference="ENQ-TEST-1",
        about="me",
        question="Can I drive after treatment?",
        consent_wording_version="1",
        consent_given_at=timezone.now(),
    )


def place_order(page):
    from cancerinfo.publications.models import Order

    Order.objects.create(reference="ORD-TEST-1", submission_token="t" * 40, name="A Reader", postcode="SW1A 1AA")


def save_draft(page):
    section = page.get_children().first().specific
    section.title = "A new title, not yet published"
    section.save_revision()  # a draft: the live page is unchanged


def save_revision_of_booklet(page):
    page.specific.save_revision()


@CACHED
@pytest.mark.parametrize("action", [save_draft, save_revision_of_booklet, place_order, send_enquiry, leave_feedback])
def test_drafts_revisions_orders_enquiries_and_feedback_drop_nothing(client, rf, booklets, action):
    bone, lung = booklets
    urls = ["/", bone.url, bone.get_children().first().url, lung.url]
    for url in urls:
        client.get(url)  # stored
    before = everything_readers_see(client, urls, rf, bone)
    assert before[0] == [True, True, True, True]

    action(bone)

    assert everything_readers_see(client, urls, rf, bone) == before


@CACHED
def test_publishing_a_section_drops_its_booklet_and_listings_but_not_other_booklets(client, booklets):
    bone, lung = booklets
    first, second = bone.get_children().order_by("path")[:2]
    urls = [bone.url, first.url, second.url, lung.url, lung.get_children().first().url]
    for url in urls:
        client.get(url)

    page = first.specific
    page.title = "What bisphosphonates are"
    publish(page)

    assert [served_from_cache(client, url) for url in urls] == [False, False, False, True, True]
    # No reader sees the old title anywhere in the booklet: the sibling's contents list has the new one.
    assert "What bisphosphonates are" in client.get(second.url).content.decode()


@CACHED
def test_an_area_listing_every_booklet_is_dropped_when_a_booklet_anywhere_is_published(client, site_tree, booklets):
    from cancerinfo.core.models import IndexPage

    area = site_tree["home"].add_child(
        instance=IndexPage(title="Every booklet", slug="every-booklet", listing=IndexPage.LISTING_BOOKLETS)
    )
    publish(area)
    client.get(area.url)
    assert served_from_cache(client, area.url)

    make_booklet(site_tree["cancer-types"], "Breast booklet", sections=1)  # in another part of the tree

    response = client.get(area.url)
    assert response.get("X-Page-Cache") == "miss"
    assert [title in response.content.decode() for title in ("Bone booklet", "Breast booklet", "Lung booklet")] == [
        True,
        True,
        True,
    ]


@CACHED
def test_a_reader_never_gets_a_page_older_than_the_publish_that_changed_it(client, booklets):
    """One page followed through publish, purge and a fresh render, several times over."""
    bone, _lung = booklets
    section = bone.get_children().first().specific
    for n in range(3):
        client.get(section.url)
        assert served_from_cache(client, section.url)
        section.body = [("paragraph", f"<p>Edition {n} of this text.</p>")]
        publish(section)
        response = client.get(section.url)
        assert response.get("X-Page-Cache") == "miss"  # rendered afresh, then kept
        assert f"Edition {n} of this text." in response.content.decode()
        assert served_from_cache(client, section.url)


@CACHED
def test_unpublishing_moving_and_deleting_drop_the_page(client, site_tree, booklets):
    bone, lung = booklets
    section = bone.get_children().first()
    client.get(section.url)
    section.specific.unpublish()
    assert client.get(section.url).status_code == 404

    other = lung.get_children().first().specific
    other.slug = "from-the-lung-booklet"
    publish(other)
    old_url = other.url
    stays = lung.get_children().order_by("path").last()
    client.get(old_url)
    assert old_url in client.get(stays.url).content.decode()  # in the contents list, and stored
    other.move(bone, pos="last-child")
    assert old_url not in client.get(stays.url).content.decode()  # the old booklet's contents list has let it go
    moved = client.get(old_url)  # not the old copy: Wagtail's redirect to the new address
    assert moved.status_code == 301
    assert client.get(moved["Location"]).status_code == 200

    last = bone.get_children().last()
    client.get(last.url)
    last.delete()
    assert client.get(last.url).status_code == 404


@CACHED
def test_saving_site_settings_drops_every_page(client, site_tree, booklets):
    from cancerinfo.core.models import SiteSettings

    bone, lung = booklets
    for url in (bone.url, lung.url):
        client.get(url)
    settings = SiteSettings.objects.first()
    settings.helpline_number = "0800 000 1111"
    settings.save()
    response = client.get(lung.url)
    assert response.get("X-Page-Cache") == "miss"
    assert "0800 000 1111" in response.content.decode()


def test_version_tokens_are_kept_where_eviction_cannot_lose_them(settings):
    """In process, a store of their own that culling the full page cache never reaches; on Redis, keys without an
    expiry time, which Redis's volatile-* eviction never picks."""
    from django.core.cache import cache, caches

    store = caches[versions.ALIAS]
    assert store is not cache
    token = versions.get("tree:/somewhere/")
    if hasattr(store, "ttl"):  # django-redis
        assert store.ttl("tree:/somewhere/") is None
    else:
        room = settings.CACHES["default"]["OPTIONS"]["MAX_ENTRIES"]
        for start in range(0, room + 1000, 1000):
            cache.set_many({f"filler:{n}": n for n in range(start, start + 1000)})
        assert versions.get("tree:/somewhere/") == token
    versions.bump("tree:/somewhere/")
    assert versions.get("tree:/somewhere/") != token


def test_a_request_reads_every_token_it_has_used_before_in_one_round_trip(monkeypatch):
    """On Redis: a page reads tokens in several places (site, navigation, restrictions, its tree, the helpline)."""
    from django.core.signals import request_finished, request_started

    monkeypatch.setattr(versions, "_reads_many_at_once", lambda store: True)
    reads = []
    real_read = versions._read
    monkeypatch.setattr(versions, "_read", lambda names: reads.append(sorted(names)) or real_read(names))

    def one_request():
        request_started.send(sender=None)
        try:
            first = versions.get("navigation")
            return first, versions.get_many(["restrictions", "helpline"]), versions.get("navigation")
        finally:
            request_finished.send(sender=None)

    one_request()
    reads.clear()
    first, others, again = one_request()
    assert reads == [sorted({"navigation", "restrictions", "helpline"} | set(versions._known))]
    assert first == again and set(others) == {"restrictions", "helpline"}  # one consistent view in a request
    versions.bump("helpline")
    assert one_request()[1]["helpline"] != others["helpline"]  # and each request reads them afresh


def test_the_header_navigation_version_is_a_version_token():
    from cancerinfo.delivery.navigation import invalidate_navigation, navigation_version

    before = navigation_version()
    assert before == versions.get("navigation")
    invalidate_navigation()
    assert navigation_version() != before


@override_settings(PAGE_CACHE_SECONDS=300, PAGE_CACHE_WARM_ON_PUBLISH=True)
def test_after_a_publish_the_changed_pages_are_warmed_in_the_background(
    client, booklets, django_capture_on_commit_callbacks
):
    bone, _lung = booklets
    first, second = bone.get_children().order_by("path")[:2]
    page = first.specific
    page.title = "Warmed before anyone asks"
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)  # the test backend runs the warming task at once
    from wagtail.models import Site

    host = Site.objects.get(is_default_site=True).root_url.split("://", 1)[1]
    for url in (first.url, second.url, bone.url):
        response = client.get(url, headers={"host": host})  # the site's own address, as the warming used
        assert response.get("X-Page-Cache") == "hit", url
        assert "Warmed before anyone asks" in response.content.decode()


def test_without_redis_every_process_on_the_machine_reads_the_same_versions(tmp_path):
    """gunicorn's workers and the task worker are separate processes: a publish in one must move the versions the
    others read, or they would serve what they kept before it."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys, django; django.setup(); from cancerinfo.delivery import versions; "
        "sys.argv[1] == 'bump' and versions.bump('tree:/x/'); print(versions.get('tree:/x/'))"
    )
    env = {key: value for key, value in os.environ.items() if key not in ("REDIS_URL", "DATABASE_URL")}
    env.update(DJANGO_SETTINGS_MODULE="cancerinfo.settings.dev", VERSIONS_DIR=str(tmp_path))
    root = Path(__file__).resolve().parents[3]

    def token_seen_by_a_new_process(action: str) -> str:
        run = subprocess.run([sys.executable, "-c", code, action], cwd=root, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        return run.stdout.split()[-1]

    first = token_seen_by_a_new_process("read")
    assert token_seen_by_a_new_process("read") == first
    moved = token_seen_by_a_new_process("bump")
    assert moved != first
    assert token_seen_by_a_new_process("read") == moved


def test_on_redis_a_requests_first_count_brings_its_version_tokens_in_the_same_round_trip(monkeypatch):
    """The API counts each request against its limit before anything else: the tokens ride along with that count."""
    from django.core.cache import cache
    from django.core.signals import request_finished, request_started

    from cancerinfo.delivery.throttle import count

    if not hasattr(getattr(cache, "client", None), "get_client"):
        pytest.skip("Only Redis reads the tokens along with a count (this run uses another cache).")
    request_started.send(sender=None)
    try:
        known = versions.get_many(["navigation", "pages", "restrictions"])
    finally:
        request_finished.send(sender=None)
    separate_reads = []
    real_read = versions._read
    monkeypatch.setattr(versions, "_read", lambda names: separate_reads.append(names) or real_read(names))
    request_started.send(sender=None)
    try:
        assert count("throttle:test-count:along", 60) == 1
        assert versions.get_many(["navigation", "pages", "restrictions"]) == known
    finally:
        request_finished.send(sender=None)
    assert separate_reads == []  # every token came with the count
    versions.bump("pages")
    request_started.send(sender=None)
    try:
        count("throttle:test-count:along", 60)
        assert versions.get("pages") != known["pages"]  # a moved token is read afresh, as ever
    finally:
        request_finished.send(sender=None)


def test_the_sites_root_paths_and_the_site_chrome_are_read_once_per_navigation_version(monkeypatch, client, rf):
    from wagtail.models import Site

    from cancerinfo.delivery import context_processors
    from cancerinfo.delivery.middleware import CachedSiteMiddleware

    reads = []
    real = Site.get_site_root_paths
    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(lambda: reads.append(1) or real()))
    seen = []
    middleware = CachedSiteMiddleware(lambda request: seen.append(request) or "response")
    for _ in range(3):
        middleware(rf.get("/"))
    assert [list(request._wagtail_cached_site_root_paths) for request in seen] == [real()] * 3
    assert [list(request.site_root_paths) for request in seen] == [real()] * 3  # the API's full_url reads these
    assert len(reads) == 1  # once for this navigation version, in this process
    site = Site.objects.get(is_default_site=True)
    site.site_name = "Renamed for the test"
    site.save()  # moves the navigation version: a site's address may have changed
    middleware(rf.get("/"))
    list(seen[-1]._wagtail_cached_site_root_paths)
    assert len(reads) == 2

    assert client.get("/").status_code == 200
    chrome_reads = []
    real_get = context_processors.cache.get
    monkeypatch.setattr(
        context_processors.cache, "get", lambda key, *a, **k: chrome_reads.append(key) or real_get(key, *a, **k)
    )
    assert client.get("/").status_code == 200
    assert [key for key in chrome_reads if "site-chrome" in key] == []  # kept in this process for this version


def test_a_process_keeps_the_site_chrome_of_a_few_hosts_and_reads_it_again_when_the_navigation_moves(
    monkeypatch, site_tree, rf
):
    from cancerinfo.delivery import context_processors

    shared_reads = []
    real_get = context_processors.cache.get
    monkeypatch.setattr(
        context_processors.cache, "get", lambda key, *a, **k: shared_reads.append(key) or real_get(key, *a, **k)
    )
    hosts = [f"host{number}.example" for number in range(context_processors.MAX_HOSTS_IN_PROCESS + 3)]
    for host in hosts:
        context_processors.site_and_settings(rf.get("/", HTTP_HOST=host))
    assert 0 < len(context_processors._chrome_in_process()) <= context_processors.MAX_HOSTS_IN_PROCESS

    shared_reads.clear()
    site, settings = context_processors.site_and_settings(rf.get("/", HTTP_HOST=hosts[-1]))
    assert shared_reads == []  # the last host is kept in this process
    assert site is not None and site.is_default_site

    site.site_name = "Renamed for the test"
    site.save()  # moves the navigation version
    renamed, _ = context_processors.site_and_settings(rf.get("/", HTTP_HOST=hosts[-1]))
    assert renamed.site_name == "Renamed for the test"
    assert [key.split(":")[-1] for key in shared_reads] == [hosts[-1]]  # read again under the new version
