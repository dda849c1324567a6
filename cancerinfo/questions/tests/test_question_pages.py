"""Question pages: short answer first, detail, terms, review dates, booklet links, other questions, attribution,
JSON-LD; the index with paging and the per-topic and per-cancer-type indexes."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from cancerinfo.booklets.models import BookletPage, BookletSectionPage
from cancerinfo.conftest import empty_caches
from cancerinfo.questions.importer import QuestionImporter, xml_files
from cancerinfo.questions.models import QuestionBookletSection, QuestionPage
from cancerinfo.taxonomy.models import CancerType, Topic, Treatment

pytestmark = pytest.mark.django_db


def get_soup(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


def json_ld(doc):
    """The page's one FAQPage (a MedicalWebPage sits beside it: cancerinfo/api/tests/test_structured_data.py)."""
    found = [json.loads(script.string) for script in doc.find_all("script", type="application/ld+json")]
    faq_pages = [data for data in found if data["@type"] == "FAQPage"]
    assert len(faq_pages) == 1
    return faq_pages[0]


@pytest.fixture
def bone():
    return CancerType.objects.create(name="Secondary bone cancer")


@pytest.fixture
def booklet(site_tree, bone):
    booklet = site_tree["cancer-types"].add_child(
        instance=BookletPage(title="Understanding bone secondaries", slug="sbc")
    )
    booklet.cancer_types.set([bone])
    booklet.save_revision().publish()
    for slug, title, topic in [
        ("symptoms", "Symptoms", "symptoms"),
        ("pain", "Treating pain", "treatment"),
        ("feelings", "Your feelings", "feelings"),
    ]:
        section = booklet.add_child(instance=BookletSectionPage(title=title, slug=slug))
        section.topics.set(Topic.objects.filter(slug=topic))
        section.save_revision().publish()
    return booklet


@pytest.fixture
def question(make_question, bone, booklet):
    symptoms = Topic.objects.get(slug="symptoms")
    page = make_question(
        "Does bone cancer <b>hurt</b>?",
        [bone],
        [symptoms],
        [Treatment.objects.create(name="Radiotherapy")],
        short_answer="Often, yes. Pain is the most common symptom.",
        detail=[("paragraph", "<p>Radiotherapy can help.</p>")],
        references=[
            (
                "reference",
                {
                    "title": "Bone metastases review",
                    "source": "A journal",
                    "year": 2024,
                    "url": "https://example.org/review",
                },
            )
        ],
        last_reviewed=datetime.date(2026, 3, 3),
    )
    page.booklet_sections = [QuestionBookletSection(section=booklet.get_children().get(slug="feelings"))]
    page.save_revision().publish()
    return page


def test_question_page_shows_answer_first_then_detail_terms_and_dates(client, question):
    doc = get_soup(client, question.url)
    assert doc.h1.get_text() == "Does bone cancer <b>hurt</b>?"
    assert len(doc.find_all("h1")) == 1
    short = doc.select_one(".question__short-answer")
    detail = doc.select_one(".question__detail")
    assert "Pain is the most common symptom" in short.get_text()
    assert "Radiotherapy can help." in detail.get_text()
    assert str(doc).index("question__short-answer") < str(doc).index("question__detail")
    terms = doc.select_one(".question__terms").get_text(" ", strip=True)
    assert "Secondary bone cancer" in terms and "Radiotherapy" in terms and "Symptoms" in terms
    assert "Last reviewed" in doc.get_text() and "3 March 2026" in doc.get_text()
    assert "Next review due" in doc.get_text() and "3 March 2029" in doc.get_text()
    assert "Bone metastases review" in doc.select_one(".references").get_text()
    assert not doc.select_one(".question__source"), "our own answers carry no source attribution"


def test_more_about_this_in_our_booklets_has_chosen_then_automatic_sections(client, question):
    doc = get_soup(client, question.url)
    links = [(a.get_text(), a["href"]) for a in doc.select("#booklets-heading ~ ul a")]
    assert links == [("Your feelings", "/cancer-types/sbc/feelings/"), ("Symptoms", "/cancer-types/sbc/symptoms/")]
    assert "in Understanding bone secondaries" in doc.select_one(".question-links").get_text()


def test_other_questions_on_this_topic_prefer_the_same_cancer_type(client, question, make_question, bone):
    symptoms = Topic.objects.get(slug="symptoms")
    lung = CancerType.objects.create(name="Lung cancer")
    make_question("A lung question", [lung], [symptoms])
    make_question("Z bone question", [bone], [symptoms])
    make_question("Off topic", [bone], [Topic.objects.get(slug="outlook")])
    doc = get_soup(client, question.url)
    others = [a.get_text() for a in doc.select("#other-questions-heading ~ ul a")]
    assert others == ["Z bone question", "A lung question"]


def test_json_ld_is_an_faq_page_with_review_date_and_citations(client, question):
    data = json_ld(get_soup(client, question.url))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    assert data["lastReviewed"] == "2026-03-03"
    entity = data["mainEntity"][0]
    assert entity["@type"] == "Question"
    assert entity["name"] == "Does bone cancer <b>hurt</b>?"
    assert entity["acceptedAnswer"]["@type"] == "Answer"
    assert entity["acceptedAnswer"]["text"].startswith("Often, yes.")
    assert "Radiotherapy can help." in entity["acceptedAnswer"]["text"]
    cited = {c["name"]: c for c in data["citation"]}
    assert cited["Bone metastases review"]["url"] == "https://example.org/review"
    assert "Understanding bone secondaries: Your feelings" in cited
    assert entity["acceptedAnswer"]["citation"] == data["citation"]


def test_json_ld_cannot_break_out_of_its_script(client, make_question):
    page = make_question("Is </script><script>alert(1)</script> safe?", last_reviewed=datetime.date(2026, 1, 1))
    response = client.get(page.url).content.decode()
    assert "</script><script>alert(1)" not in response
    assert json_ld(BeautifulSoup(response, "html.parser"))["mainEntity"][0]["name"].startswith("Is </script>")


def test_imported_page_shows_attribution_and_cites_its_source(client, questions_index, small_data):
    QuestionImporter().run(xml_files(small_data))
    page = QuestionPage.objects.get(source_qid="0000901_1-1")
    doc = get_soup(client, page.url)
    source = doc.select_one(".question__source")
    text = " ".join(source.get_text().split())
    assert "This answer is adapted from" in text and "cancer.gov" in text and "CC BY 4.0" in text
    assert source.find("a", href=page.source_url)
    assert source.find("a", href="https://creativecommons.org/licenses/by/4.0/")
    assert "Key points" in doc.select_one(".question__detail").get_text()
    data = json_ld(doc)
    assert data["lastReviewed"] == page.last_reviewed.isoformat()
    assert any(c.get("url") == page.source_url and "license" in c for c in data["citation"])


def test_index_lists_questions_25_a_page(client, questions_index, make_question):
    for number in range(30):
        make_question(f"Question {number:02}")
    first = get_soup(client, questions_index.url)
    assert len(first.select(".question-list__item")) == 25
    assert first.select_one('a[rel="next"]')["href"] == "?page=2"
    second = get_soup(client, questions_index.url + "?page=2")
    assert [h.get_text() for h in second.select(".question-list__title")] == [f"Question {n}" for n in range(25, 30)]
    for bad in ["abc", "-1", "999", "2.5", "%00"]:
        get_soup(client, f"{questions_index.url}?page={bad}")


def test_topic_and_cancer_type_indexes(client, questions_index, question, make_question, bone):
    make_question("Outlook question", [bone], [Topic.objects.get(slug="outlook")])
    index = get_soup(client, questions_index.url)
    assert index.find("a", href="/questions/topic/symptoms/")
    assert index.find("a", href="/questions/cancer-type/secondary-bone-cancer/")
    topic = get_soup(client, "/questions/topic/symptoms/")
    assert topic.h1.get_text() == "Questions about symptoms"
    assert [h.get_text() for h in topic.select(".question-list__title")] == [question.title]
    cancer = get_soup(client, "/questions/cancer-type/secondary-bone-cancer/")
    assert cancer.h1.get_text() == "Questions about Secondary bone cancer"
    assert len(cancer.select(".question-list__title")) == 2
    get_soup(client, "/questions/topic/no-such-topic/", status=404)
    get_soup(client, "/questions/cancer-type/no-such-cancer/", status=404)


def test_question_page_queries_do_not_grow_with_content(
    client, question, make_question, bone, django_assert_max_num_queries
):
    symptoms = Topic.objects.get(slug="symptoms")
    make_question("More 0", [bone], [symptoms])
    empty_caches()
    with django_assert_max_num_queries(40) as few:
        response = client.get(question.url)
    assert response.status_code == 200 and "More 0" in response.content.decode()
    for number in range(1, 50):
        make_question(f"More {number}", [bone], [symptoms])
    empty_caches()  # both requests start cold: a cache hit would cost nothing and prove nothing
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(question.url)
    assert response.status_code == 200
    assert "Does bone cancer &lt;b&gt;hurt&lt;/b&gt;?" in response.content.decode()  # the title, escaped


def add_definition(html, page=None, request=None):
    """A stand-in content processor, like glossary linking."""
    return html.replace("Radiotherapy", 'Radiotherapy<span class="definition">DEFINITION</span>')


def test_answer_goes_through_content_processors_but_json_ld_has_the_plain_answer(client, question, settings):
    from cancerinfo.core.templatetags.content_tags import content_processors

    settings.CONTENT_HTML_PROCESSORS = [f"{__name__}.add_definition"]
    content_processors.cache_clear()
    try:
        doc = get_soup(client, question.url)
    finally:
        content_processors.cache_clear()
    assert doc.select_one(".question__detail .definition")
    text = json_ld(doc)["mainEntity"][0]["acceptedAnswer"]["text"]
    assert text == "Often, yes. Pain is the most common symptom. Radiotherapy can help."


def test_have_a_question_of_your_own_offers_the_helpline_with_its_hours_and_ask_a_nurse_online(client, question):
    from cancerinfo.core.models import SiteSettings
    from cancerinfo.helpline.interface import hours_text

    settings = SiteSettings.objects.get()
    callout = get_soup(client, question.url).select_one(".question-of-your-own")

    text = callout.get_text(" ", strip=True)
    assert f"Call free on {settings.helpline_number} , {hours_text(settings)}" in text
    links = {a.get_text(strip=True): a["href"] for a in callout.find_all("a")}
    assert links["Ask a nurse online"] == "/contact-us/ask-a-nurse/"
    assert links["Other ways to contact us"] == "/contact-us/"
    assert links["writing to us"] == "/contact-us/write-to-us/"
    for href in (links["Ask a nurse online"], links["Other ways to contact us"], links["writing to us"]):
        assert client.get(href).status_code == 200, href
