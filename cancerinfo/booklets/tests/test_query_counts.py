"""A section page costs at most 8 SQL queries, however long its booklet and however many glossary words, page
links, related questions and boxes it shows. Counted with the page and fragment caches off (test settings), after
one request has read the site-wide tables a running server keeps (site, navigation, taxonomy, private areas)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cancerinfo.booklets.models import BookletSectionPage
from cancerinfo.glossary.models import Term
from cancerinfo.glossary.services import reset_matcher
from cancerinfo.publications.tests.factories import make_publication
from cancerinfo.questions.models import QuestionPage
from cancerinfo.taxonomy.models import CancerType, Topic
from cancerinfo.versions.models import ContentVersion

from .factories import add_section, make_booklet, publish

pytestmark = pytest.mark.django_db

MAX_QUERIES = 8


def render(client, url):
    """Render twice: the first request reads what a running server keeps; the second is counted."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured.captured_queries), [q["sql"] for q in captured.captured_queries]


def rich_section(booklet, sections, words: int, links: int):
    """The middle section, with `words` glossary words and `links` links to other sections in its body, tagged with
    the topics that bring the related questions, trials and "who can help" boxes."""
    others = booklet.get_children().live().order_by("path")[:links]
    body = " ".join(f"Ask about termword{n}." for n in range(words))
    body += "".join(f' <a linktype="page" id="{page.pk}">see {page.title}</a>' for page in others)
    middle = booklet.get_children().order_by("path")[sections // 2].specific
    middle.body = [("paragraph", f"<p>{body}</p>")]
    middle.topics.set(Topic.objects.filter(slug__in=["research", "treatment"]))
    publish(middle)
    return middle


@pytest.mark.parametrize(
    ("sections", "words", "links", "questions"),
    [(5, 0, 0, 0), (5, 10, 3, 2), (50, 40, 30, 12)],
)
def test_a_section_renders_in_a_constant_number_of_queries(client, site_tree, sections, words, links, questions):
    bone = CancerType.objects.create(name="Secondary bone cancer")
    booklet = make_booklet(site_tree["cancer-types"], "Bone booklet", sections=sections)
    booklet.cancer_types.set([bone])
    publish(booklet)
    professional = make_booklet(
        site_tree["cancer-types"], "Bone booklet for professionals", sections=sections, audience="professionals"
    )
    ContentVersion.objects.create(original=booklet, version=professional)
    make_publication(booklet=booklet)
    Term.objects.bulk_create(
        [Term(term=f"termword{n}", slug=f"termword{n}", definition="A word.") for n in range(words)]
    )
    reset_matcher()
    for n in range(questions):
        question = site_tree["questions"].add_child(instance=QuestionPage(title=f"Question {n}?", short_answer="Yes."))
        question.cancer_types.set([bone])
        question.save_revision().publish()
    middle = rich_section(booklet, sections, words, links)

    response, count, sql = render(client, middle.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Section" in html and "Bone booklet" in html
    assert f"(section {sections // 2 + 1} of {sections})" in html  # the contents list knows every section
    assert "For health professionals" in html  # the audience switch
    assert "Order or download" in html
    if questions:
        assert "Question 0?" in html
    if words:
        assert 'href="/glossary/termword0/"' in html
    if links:
        assert f'href="{booklet.get_children().order_by("path").first().url}"' in html
    assert count <= MAX_QUERIES, "\n".join(sql)


def test_the_count_is_the_same_for_5_and_50_sections(client, site_tree):
    counts = []
    for sections in (5, 50):
        booklet = make_booklet(site_tree["cancer-types"], f"Booklet of {sections}", sections=sections)
        middle = booklet.get_children().order_by("path")[sections // 2]
        response, count, _sql = render(client, middle.url)
        assert response.status_code == 200
        assert f"Section {sections}" in response.content.decode()  # the last one, in the contents list
        counts.append(count)
    assert counts[0] == counts[1]


def test_a_section_with_its_own_private_area_is_still_refused(client, site_tree):
    from wagtail.models import PageViewRestriction

    booklet = make_booklet(site_tree["cancer-types"], "Private booklet", sections=3)
    section = booklet.get_children().first()
    client.get(section.url)
    PageViewRestriction.objects.create(page=booklet, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(section.url).status_code == 302  # to the sign-in page
    assert client.get(booklet.url).status_code == 302


def test_whole_booklet_and_landing_pages_render_for_long_booklets(client, site_tree):
    long = make_booklet(site_tree["cancer-types"], "Long booklet", sections=50)
    assert client.get(long.url).status_code == 200
    response = client.get(long.whole_booklet_url)
    assert response.content.decode().count('class="whole-booklet__section"') == 50


def test_a_draft_section_is_not_found_and_a_section_of_a_draft_booklet_neither(client, site_tree):
    booklet = make_booklet(site_tree["cancer-types"], "Booklet", sections=2)
    draft = add_section(booklet, "Not yet", live=False)
    assert client.get(booklet.url + "not-yet/").status_code == 404
    assert BookletSectionPage.objects.get(pk=draft.pk).live is False
    assert client.get(booklet.url + "no-such-section/").status_code == 404
