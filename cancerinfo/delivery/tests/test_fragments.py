"""Pieces of pages are kept until content changes: a reader the page cache cannot serve (here, one with a basket in
their session) gets a booklet's contents list and its related questions box without the work behind them, and sees
a change as soon as it is published."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cancerinfo.booklets.tests.factories import add_section, make_booklet
from cancerinfo.questions.models import QuestionPage
from cancerinfo.taxonomy.models import CancerType, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300


@pytest.fixture
def reader(client):
    """A reader with a session cookie: the page cache never answers them, the fragment cache does."""
    session = client.session
    session["basket"] = {}
    session.save()
    return client


@pytest.fixture
def booklet(site_tree):
    bone = CancerType.objects.create(name="Secondary bone cancer")
    booklet = make_booklet(site_tree["cancer-types"], title="Understanding bone pain", sections=0)
    booklet.cancer_types.set([bone])
    booklet.save_revision().publish()
    symptoms = add_section(booklet, "Symptoms")
    symptoms.topics.set([Topic.objects.get(slug="symptoms")])
    symptoms.save_revision().publish()
    add_section(booklet, "Coping at home")
    question = site_tree["questions"].add_child(
        instance=QuestionPage(title="Why do my bones ache at night?", short_answer="Often because of the cancer.")
    )
    question.cancer_types.set([bone])
    question.topics.set([Topic.objects.get(slug="symptoms")])
    question.save_revision().publish()
    return booklet


def get(client, url) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries.captured_queries]


def test_the_second_visit_reuses_the_related_questions_box_and_contents(reader, booklet):
    url = f"{booklet.url}symptoms/"
    first_html, first_queries = get(reader, url)
    second_html, second_queries = get(reader, url)
    assert "Why do my bones ache at night?" in second_html
    assert '<a href="' + url + '" aria-current="page" class="contents__current">Symptoms</a>' in second_html
    assert any("questions_questionpage" in sql for sql in first_queries)
    assert not any("questions_questionpage" in sql for sql in second_queries)
    assert len(second_queries) < len(first_queries)
    assert first_html.count("Related questions") == second_html.count("Related questions") == 1


def test_each_section_has_its_own_contents_with_itself_marked(reader, booklet):
    get(reader, f"{booklet.url}symptoms/")
    html, _ = get(reader, f"{booklet.url}coping-at-home/")
    assert f'<a href="{booklet.url}coping-at-home/" aria-current="page"' in html
    assert f'<a href="{booklet.url}symptoms/">Symptoms</a>' in html


def test_a_newly_published_question_shows_at_once(reader, booklet, site_tree):
    url = f"{booklet.url}symptoms/"
    get(reader, url)
    newer = site_tree["questions"].add_child(
        instance=QuestionPage(title="Can I take painkillers at night?", short_answer="Yes, ask your nurse how.")
    )
    newer.cancer_types.set(booklet.cancer_types.all())
    newer.topics.set([Topic.objects.get(slug="symptoms")])
    newer.save_revision().publish()
    html, _ = get(reader, url)
    assert "Can I take painkillers at night?" in html


def test_a_renamed_section_shows_in_every_contents_list_at_once(reader, booklet):
    get(reader, f"{booklet.url}symptoms/")
    coping = booklet.get_children().get(slug="coping-at-home").specific
    coping.title = "Looking after yourself at home"
    coping.save_revision().publish()
    html, _ = get(reader, f"{booklet.url}symptoms/")
    assert "Looking after yourself at home" in html
    assert ">Coping at home<" not in html


def test_previews_are_never_kept(reader, booklet, rf, admin_user):
    from django.core.cache import cache

    from cancerinfo.conftest import cache_keys

    def fragment_keys():
        return [key for key in cache_keys() if ":fragment:" in key]

    get(reader, f"{booklet.url}symptoms/")
    assert fragment_keys()  # a reader's visit keeps its fragments
    cache.clear()
    section = booklet.get_children().get(slug="symptoms").specific
    request = rf.get("/")
    request.user = admin_user
    section.body = [("paragraph", "<p>Draft text.</p>")]
    html = section.make_preview_request(request).render().content.decode()
    assert "Draft text." in html and "Why do my bones ache at night?" in html
    assert fragment_keys() == []  # an editor's draft is shown, never kept
