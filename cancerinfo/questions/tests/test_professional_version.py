"""A question can have a version for health professionals: a question page of its own under it, at
for-health-professionals/, linked to it by the versions app.

Both versions show "For patients / For health professionals" and link to each other; a question without one shows
no switch, and has nothing at the professional address. The Health professionals area and the sitemap list the
professional versions that exist.
"""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup

from cancerinfo.questions.models import QuestionPage
from cancerinfo.taxonomy.models import CancerType, Topic
from cancerinfo.versions.models import ContentVersion

pytestmark = pytest.mark.django_db

PROFESSIONAL = "for-health-professionals/"


class Quiet:
    def write(self, text):
        pass


def reference(title):
    return ("reference", {"title": title, "source": "A journal", "year": 2025, "url": "https://example.org/ref"})


def get_soup(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


def switch(doc):
    return doc.select_one("nav.audience-switch")


def json_ld_scripts(doc):
    return [json.loads(script.string) for script in doc.find_all("script", type="application/ld+json")]


@pytest.fixture
def bone():
    return CancerType.objects.create(name="Secondary bone cancer")


@pytest.fixture
def question(make_question, make_version, bone):
    """A question with both versions."""
    page = make_question(
        "What are bisphosphonates?",
        [bone],
        [Topic.objects.get(slug="treatment")],
        short_answer="Drugs that protect your bones.",
        detail=[("paragraph", "<p>You have them as a drip.</p>")],
        references=[reference("A guide for patients")],
        last_reviewed=datetime.date(2026, 3, 3),
    )
    make_version(
        page,
        short_answer="They reduce skeletal-related events; check renal function first.",
        detail=[("paragraph", "<p>Adjust the dose to creatinine clearance.</p>")],
        references=[reference("A trial in bone metastases")],
        last_reviewed=datetime.date(2026, 3, 3),
    )
    return page


@pytest.fixture
def patient_only(make_question, bone):
    return make_question("Does it hurt?", [bone], [Topic.objects.get(slug="treatment")])


# ---------------------------------------------------------------------------------------------------------------
# The switch


def test_the_patient_version_says_so_and_links_to_the_professional_version(client, question):
    nav = switch(get_soup(client, question.url))
    assert nav["aria-label"] == "Who this information is for"
    assert nav.find("span", attrs={"aria-current": "page"}).get_text() == "For patients"
    assert nav.find("a", string="For health professionals")["href"] == f"{question.url}{PROFESSIONAL}"
    assert not nav.find("a", string="For patients")


def test_the_professional_version_says_so_and_links_back_to_the_patient_version(client, question):
    nav = switch(get_soup(client, f"{question.url}{PROFESSIONAL}"))
    assert nav.find("span", attrs={"aria-current": "page"}).get_text() == "For health professionals"
    assert nav.find("a", string="For patients")["href"] == question.url
    assert not nav.find("a", string="For health professionals")


def test_without_a_professional_version_there_is_no_switch_and_nothing_at_its_address(client, patient_only):
    assert switch(get_soup(client, patient_only.url)) is None
    assert client.get(f"{patient_only.url}{PROFESSIONAL}").status_code == 404


def test_no_switch_while_the_professional_version_is_a_draft(client, make_question, make_version):
    page = make_question("Can I fly?")
    make_version(page, publish=False, short_answer="Consider the fracture risk.")
    assert switch(get_soup(client, page.url)) is None
    assert client.get(f"{page.url}{PROFESSIONAL}").status_code == 404


def test_the_professional_version_is_recorded_as_a_version_of_the_question(question):
    link = ContentVersion.objects.get()
    assert (link.original_id, link.audience, link.language) == (question.pk, "professionals", "")
    assert link.version.url == f"{question.url}{PROFESSIONAL}"


# ---------------------------------------------------------------------------------------------------------------
# What each version shows


def test_the_professional_version_shows_the_professional_answer_detail_and_references(client, question):
    doc = get_soup(client, f"{question.url}{PROFESSIONAL}")
    assert doc.select_one(".question__kicker").get_text() == "For health professionals"
    assert doc.title.get_text().startswith("What are bisphosphonates? (for health professionals) |")
    assert " ".join(doc.h1.get_text().split()) == "What are bisphosphonates? (for health professionals)"
    assert doc.select_one(".question__short-answer p").get_text() == (
        "They reduce skeletal-related events; check renal function first."
    )
    assert doc.select_one("#detail-heading").get_text() == "More detail"
    assert "Adjust the dose to creatinine clearance." in doc.select_one(".question__detail").get_text()
    assert "A trial in bone metastases" in doc.select_one(".references").get_text()
    text = doc.get_text()
    for patient_content in ["Drugs that protect your bones.", "You have them as a drip.", "A guide for patients"]:
        assert patient_content not in text


def test_the_patient_version_shows_only_the_patient_content(client, question):
    doc = get_soup(client, question.url)
    assert doc.select_one(".question__kicker").get_text() == "Question and answer"
    assert doc.h1.get_text() == "What are bisphosphonates?"
    assert "(for health professionals)" not in doc.title.get_text()
    assert doc.select_one(".question__short-answer p").get_text() == "Drugs that protect your bones."
    assert "A guide for patients" in doc.select_one(".references").get_text()
    text = doc.get_text()
    for professional_content in ["skeletal-related", "creatinine", "A trial in bone metastases"]:
        assert professional_content not in text


def test_both_versions_keep_the_terms_other_questions_and_review_dates(client, question, make_question, bone):
    make_question("Another treatment question", [bone], [Topic.objects.get(slug="treatment")])
    for url in [question.url, f"{question.url}{PROFESSIONAL}"]:
        doc = get_soup(client, url)
        assert "Secondary bone cancer" in doc.select_one(".question__terms").get_text(), url
        assert doc.select_one("#booklets-heading"), url
        assert [a.get_text() for a in doc.select("#other-questions-heading ~ ul a")] == [
            "Another treatment question"
        ], url
        assert "3 March 2026" in doc.get_text(), url


def test_only_the_patient_version_carries_the_faq_structured_data(client, question):
    def types(url):
        return [data["@type"] for data in json_ld_scripts(get_soup(client, url))]

    # Both carry their MedicalWebPage (written for patients or for clinicians); one FAQPage per question.
    assert sorted(types(question.url)) == ["FAQPage", "MedicalWebPage"]
    assert types(f"{question.url}{PROFESSIONAL}") == ["MedicalWebPage"]


def test_an_unpublished_question_is_not_found_at_either_address(client, question):
    url = question.url
    question.unpublish()
    assert client.get(url).status_code == 404
    assert client.get(f"{url}{PROFESSIONAL}").status_code == 404


# ---------------------------------------------------------------------------------------------------------------
# Listings


def test_the_health_professionals_page_lists_questions_with_a_professional_version(
    client, site_tree, question, patient_only, make_question, make_version
):
    hidden = make_question("An unpublished question")
    make_version(hidden, short_answer="Not ready yet.", publish=False)
    doc = get_soup(client, "/health-professionals/")
    heading = doc.find("h2", string="Questions answered for health professionals")
    assert heading is not None
    links = [(a.get_text(), a["href"]) for a in heading.find_next("ul").select("h3 a")]
    assert links == [("What are bisphosphonates?", f"{question.url}{PROFESSIONAL}")]


def test_the_health_professionals_page_queries_do_not_grow_with_questions(
    client, site_tree, question, make_question, make_version, django_assert_max_num_queries
):
    client.get("/health-professionals/")
    with django_assert_max_num_queries(100) as one_question:
        client.get("/health-professionals/")
    queries_for_one = len(one_question)  # now: each request clears the query log
    for number in range(5):
        make_version(make_question(f"Professional question {number}"), short_answer="For professionals.")
    client.get("/health-professionals/")
    with django_assert_max_num_queries(queries_for_one):
        doc = get_soup(client, "/health-professionals/")
    assert len(doc.select(f'a[href$="/{PROFESSIONAL}"]')) == 6


def sitemap_locations(client) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", client.get("/sitemap.xml").content.decode())


def test_the_sitemap_has_the_professional_address_only_when_there_is_one(client, question, patient_only):
    locations = sitemap_locations(client)
    assert any(loc.endswith(question.url) for loc in locations)
    assert any(loc.endswith(f"{question.url}{PROFESSIONAL}") for loc in locations)
    assert any(loc.endswith(patient_only.url) for loc in locations)
    assert not any(loc.endswith(f"{patient_only.url}{PROFESSIONAL}") for loc in locations)


# ---------------------------------------------------------------------------------------------------------------
# Demo content


def test_the_demo_has_a_question_with_a_professional_version(client, site_tree, questions_index):
    from cancerinfo.questions import demo

    demo.load(site_tree, Quiet())
    demo.load(site_tree, Quiet())  # safe to run twice
    with_version = [link.original for link in ContentVersion.objects.all()]
    assert [page.title for page in with_version] == ["What are bisphosphonates and why have I been offered them?"]
    page = with_version[0]
    assert QuestionPage.objects.filter(audience="professionals").count() == 1
    doc = get_soup(client, f"{page.url}{PROFESSIONAL}")
    assert "skeletal-related events" in doc.select_one(".question__short-answer").get_text()
    assert switch(doc).find("a", string="For patients")["href"] == page.url
    assert get_soup(client, "/health-professionals/").find("a", href=f"{page.url}{PROFESSIONAL}")


# ---------------------------------------------------------------------------------------------------------------
# Editors


def test_editors_write_the_professional_version_as_a_page_under_the_question(admin_client, question):
    version = QuestionPage.objects.get(audience="professionals")
    response = admin_client.get(f"/admin/pages/{version.pk}/edit/")
    assert response.status_code == 200
    assert "They reduce skeletal-related events" in response.content.decode()
    assert admin_client.get(f"/admin/pages/add/questions/questionpage/{question.pk}/").status_code == 200


def test_a_question_under_a_question_must_be_written_for_another_audience(question):
    from django.core.exceptions import ValidationError

    version = QuestionPage.objects.get(audience="professionals")
    version.audience = "patients"
    with pytest.raises(ValidationError, match="choose its audience"):
        version.full_clean()


def test_editors_preview_the_professional_version_before_it_is_published(make_question, make_version, rf, admin_user):
    draft = make_version(make_question("Is it safe to drive?"), publish=False)
    draft.short_answer = "Advise on driving after sedating analgesia."
    request = rf.get("/")
    request.user = admin_user
    html = draft.make_preview_request(request).render().content.decode()
    assert "Advise on driving after sedating analgesia." in html
    assert "For health professionals" in html
