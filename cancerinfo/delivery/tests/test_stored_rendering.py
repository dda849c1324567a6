"""Published pages are kept rendered in the database by address: the next reader gets the same page with one query,
its per-request parts (the helpline's "Open now", an editor's userbar) rendered fresh, and never a page older than
the publish that changed it. Personal pages (forms, baskets, anything that read the session) are never kept."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cancerinfo.booklets.tests.factories import make_booklet, publish
from cancerinfo.delivery import rendering, versions
from cancerinfo.delivery.models import StoredRendering

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_stored_renderings_on")]


@pytest.fixture
def _stored_renderings_on():
    with override_settings(STORED_RENDERING=True, STORED_RENDERING_SECONDS=3600):
        yield


@pytest.fixture
def section(site_tree):
    booklet = make_booklet(site_tree["cancer-types"], "Bone booklet", sections=3)
    return booklet.get_children().order_by("path")[1].specific


def read(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return response


def kept(client, url):
    """The first request renders and keeps the page: the next can be served from it."""
    first = read(client, url)
    assert first.get("X-Rendering") is None
    return first


def test_the_next_reader_gets_the_same_page_from_one_query(client, section):
    rendered = kept(client, section.url)
    with CaptureQueriesContext(connection) as queries:
        served = read(client, section.url)
    assert served["X-Rendering"] == "stored"
    assert served.content == rendered.content
    assert f"<h1>{section.title}</h1>" in served.content.decode()
    assert served["Cache-Control"] == rendered["Cache-Control"]
    assert len(queries.captured_queries) == 1, [q["sql"] for q in queries.captured_queries]


def test_reading_a_kept_copy_compiles_no_sql(client, section, monkeypatch):
    # Every reader's request runs the kept-copy query: it is compiled once per process, then only rerun.
    from django.db.models.sql.compiler import SQLCompiler

    kept(client, section.url)
    read(client, section.url)  # this process's first kept read compiles the statement
    compiled = []
    real = SQLCompiler.as_sql
    monkeypatch.setattr(SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(self) or real(self, *a, **k))
    other = section.get_next_sibling().specific
    rendered = kept(client, other.url)
    compiled.clear()
    served = read(client, other.url)
    assert served["X-Rendering"] == "stored" and served.content == rendered.content
    assert compiled == []


def test_a_publish_is_seen_by_the_very_next_reader(client, section):
    kept(client, section.url)
    assert read(client, section.url)["X-Rendering"] == "stored"
    section.title = "Bisphosphonates, updated"
    publish(section)
    fresh = read(client, section.url)
    assert fresh.get("X-Rendering") is None  # rendered again, not the kept copy
    assert "<h1>Bisphosphonates, updated</h1>" in fresh.content.decode()
    again = read(client, section.url)
    assert again["X-Rendering"] == "stored" and "Bisphosphonates, updated" in again.content.decode()


def test_a_draft_leaves_the_kept_copy_in_place(client, section):
    kept(client, section.url)
    section.title = "Not published yet"
    section.save_revision()
    served = read(client, section.url)
    assert served["X-Rendering"] == "stored"
    assert "Not published yet" not in served.content.decode()


def test_holes_are_rendered_for_each_reader(client, section, monkeypatch):
    calls = []

    def status(context):
        calls.append(context["request"].path)
        return f'<p class="helpline__status">Status number {len(calls)}</p>'

    monkeypatch.setitem(rendering._holes, "helpline_status", status)
    kept(client, section.url)
    stored_html = StoredRendering.objects.get(path=section.url).html
    assert "Status number" not in stored_html  # the kept copy holds a marker, not a reader's status
    first, second = read(client, section.url), read(client, section.url)
    assert first["X-Rendering"] == second["X-Rendering"] == "stored"
    assert "Status number 2" in first.content.decode() and "Status number 3" in second.content.decode()
    assert "<!--" + StoredRendering.objects.get(path=section.url).marker not in first.content.decode()


def test_an_editor_gets_the_kept_page_with_their_own_userbar(client, section, django_user_model):
    kept(client, section.url)
    assert "Edit this page" not in StoredRendering.objects.get(path=section.url).html
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "a-long-password-1234")
    client.force_login(editor)
    served = read(client, section.url)
    assert served["X-Rendering"] == "stored"
    assert f'href="/admin/pages/{section.pk}/edit/"' in served.content.decode()
    assert "no-store" in served["Cache-Control"]  # never shared: it is this editor's page
    client.logout()
    assert "Edit this page" not in read(client, section.url).content.decode()


def test_a_page_with_a_form_or_a_query_string_is_rendered_every_time(client, site_tree):
    from cancerinfo.publications.tests.factories import make_publication

    make_publication()
    for _ in range(3):
        response = read(client, "/publications/")
        assert response.get("X-Rendering") is None
        assert "csrfmiddlewaretoken" in response.content.decode()
    assert not StoredRendering.objects.filter(path="/publications/").exists()
    for _ in range(3):
        assert read(client, "/glossary/?letter=b").get("X-Rendering") is None


def test_a_page_made_private_is_refused_although_a_copy_was_kept(client, section):
    kept(client, section.url)
    built_from = StoredRendering.objects.get(path=section.url).built_from
    PageViewRestriction.objects.create(page=section.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    versions._store().set_many(built_from, None)  # as if the change's versions had not moved: the copy looks current
    assert client.get(section.url).status_code == 302  # to the sign-in page


def test_after_a_deploy_a_copy_kept_by_the_older_release_is_rendered_again(client, section):
    with override_settings(RELEASE="release-1"):
        kept(client, section.url)
        assert read(client, section.url)["X-Rendering"] == "stored"
    with override_settings(RELEASE="release-2"):  # new templates may draw the page differently
        assert read(client, section.url).get("X-Rendering") is None
        assert StoredRendering.objects.get(path=section.url).release == "release-2"
        assert read(client, section.url)["X-Rendering"] == "stored"


def test_without_a_named_release_the_code_itself_names_it(tmp_path):
    from cancerinfo.delivery.release import code_fingerprint

    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "header.html"
    template.write_text("<header>Old</header>")
    before = code_fingerprint(tmp_path)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_header.py").write_text("assert True")
    assert code_fingerprint(tmp_path) == before  # tests draw no page
    template.write_text("<header>New</header>")
    assert code_fingerprint(tmp_path) != before


def test_an_expired_copy_is_rendered_again(client, section):
    kept(client, section.url)
    StoredRendering.objects.filter(path=section.url).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert read(client, section.url).get("X-Rendering") is None
    assert StoredRendering.objects.get(path=section.url).expires_at > timezone.now()
    assert read(client, section.url)["X-Rendering"] == "stored"


def test_a_copy_never_outlives_the_day_it_was_rendered():
    late = timezone.make_aware(datetime.datetime(2026, 12, 6, 23, 50))
    with override_settings(STORED_RENDERING_SECONDS=3600):
        expiry = rendering._expiry(late)
    assert timezone.localtime(expiry) == timezone.make_aware(datetime.datetime(2026, 12, 7, 0, 0))


def test_turned_off_nothing_is_kept(client, section):
    with override_settings(STORED_RENDERING=False):
        for _ in range(3):
            assert read(client, section.url).get("X-Rendering") is None
    assert not StoredRendering.objects.exists()


def test_a_page_that_reads_the_session_is_never_kept(client, section, monkeypatch):
    from cancerinfo.booklets.models import BookletSectionPage

    get_context = BookletSectionPage.get_context

    def reads_the_basket(self, request, *args, **kwargs):
        request.session.get("basket")  # as a page that shows "3 items in your basket" would
        return get_context(self, request, *args, **kwargs)

    monkeypatch.setattr(BookletSectionPage, "get_context", reads_the_basket)
    for _ in range(3):
        assert read(client, section.url).get("X-Rendering") is None
    assert not StoredRendering.objects.exists()


@override_settings(PAGE_CACHE_WARM_ON_PUBLISH=True)
def test_after_a_publish_the_first_reader_gets_a_copy_the_warming_kept(
    client, section, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    host = Site.objects.get(is_default_site=True).root_url.split("://", 1)[1]
    section.title = "Warmed before anyone asks"
    with django_capture_on_commit_callbacks(execute=True):
        publish(section)  # the test backend runs the warming job at once
    response = read(client, section.url, headers={"host": host})  # the site's own address, as the warming used
    assert response["X-Rendering"] == "stored"
    assert "<h1>Warmed before anyone asks</h1>" in response.content.decode()


def test_version_tokens_it_may_not_read_mean_every_page_is_rendered_afresh(client, section, monkeypatch, caplog):
    """A tokens folder made by another user (a command run as root): nothing kept is trusted, nothing fails."""
    kept(client, section.url)
    store = versions._store()

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store, "get_many", refused)
    monkeypatch.setattr(store, "set_many", refused)
    for _ in range(2):
        response = read(client, section.url)
        assert response.get("X-Rendering") is None
        assert f"<h1>{section.title}</h1>" in response.content.decode()
    assert "Cannot read the version tokens" in caplog.text
    section.title = "Published all the same"
    publish(section)  # the publish itself never fails for it
    assert "<h1>Published all the same</h1>" in read(client, section.url).content.decode()
