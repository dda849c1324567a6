"""A question can have a version for health professionals at for-health-professionals/ under its address.

Both versions show "For patients / For health professionals" and link to each other; a question without one shows
no switch, and its professional address sends readers to the patient page. The Health professionals area and the
sitemap list the professional versions that exist.
"""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup

from cancerinfo.questions.models import QuestionPage
from cancerinfo.taxonomy.models import CancerType, Topic

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
def question(make_question, bone):
    """A question with both versions."""
    return make_question(
        "What are bisphosphonates?",
        [bone],
        [Topic.objects.get(slug="treatment")],
        short_answer="Drugs that protect your bones.",
        detail=[("paragraph", "<p>You have them as a drip.</p>")],
        references=[reference("A guide for patients")],
        professional_answer="They reduce skeletal-related events; check renal function first.",
        professional_detail=[("paragraph", "<p>Adjust the dose to creatinine clearance.</p>")],
        professional_references=[reference("A trial in bone metastases")],
        last_reviewed=datetime.date(2026, 3, 3),
    )


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


def test_without_a_professional_version_there_is_no_switch_and_its_address_leads_to_the_patient_page(
    client, patient_only
):
    assert switch(get_soup(client, patient_only.url)) is None
    response = client.get(f"{patient_only.url}{PROFESSIONAL}")
    assert response.status_code == 302  # temporary: the version may be written later
    assert response["Location"] == patient_only.url


def test_a_detail_for_professionals_without_a_short_answer_is_a_professional_version(client, make_question):
    page = make_question("Can I fly?", professional_detail=[("paragraph", "<p>Consider the fracture risk.</p>")])
    assert page.has_professional_version
    doc = get_soup(client, f"{page.url}{PROFESSIONAL}")
    assert "Consider the fracture risk." in doc.select_one(".question__detail").get_text()
    assert not doc.select_one(".question__short-answer"), "no empty box for a short answer nobody wrote"


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
    assert len(json_ld_scripts(get_soup(client, question.url))) == 1
    assert json_ld_scripts(get_soup(client, f"{question.url}{PROFESSIONAL}")) == []


def test_an_unpublished_question_is_not_found_at_either_address(client, question):
    url = question.url
    question.unpublish()
    assert client.get(url).status_code == 404
    assert client.get(f"{url}{PROFESSIONAL}").status_code == 404


def preview(page, mode) -> str:
    response = page.make_preview_request(preview_mode=mode)
    assert response.status_code == 200
    return response.render().content.decode() if hasattr(response, "render") else response.content.decode()


def test_editors_can_preview_either_version(question):
    page = QuestionPage.objects.get(pk=question.pk)
    page.professional_answer = "A draft answer for professionals."
    assert [mode for mode, _label in page.preview_modes] == ["", "professional"]
    professional = preview(page, "professional")
    patient = preview(page, "")
    assert "A draft answer for professionals." in professional
    assert "A draft answer for professionals." not in patient


# ---------------------------------------------------------------------------------------------------------------
# Listings


def test_the_health_professionals_page_lists_questions_with_a_professional_version(
    client, site_tree, question, patient_only, make_question
):
    hidden = make_question("An unpublished question", professional_answer="Not ready yet.")
    hidden.unpublish()
    doc = get_soup(client, "/health-professionals/")
    heading = doc.find("h2", string="Questions answered for health professionals")
    assert heading is not None
    links = [(a.get_text(), a["href"]) for a in heading.find_next("ul").select("h3 a")]
    assert links == [("What are bisphosphonates?", f"{question.url}{PROFESSIONAL}")]


def test_the_health_professionals_page_queries_do_not_grow_with_questions(
    client, site_tree, question, make_question, django_assert_max_num_queries
):
    client.get("/health-professionals/")
    with django_assert_max_num_queries(100) as one_question:
        client.get("/health-professionals/")
    queries_for_one = len(one_question)  # now: each request clears the query log
    for number in range(5):
        make_question(f"Professional question {number}", professional_answer="For professionals.")
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


def test_the_sitemap_asks_about_professional_versions_once_not_once_a_question(
    client, question, make_question, django_assert_max_num_queries
):
    for number in range(5):
        make_question(f"Patient question {number}")
        make_question(f"Professional question {number}", professional_detail=[("paragraph", "<p>Detail.</p>")])
    with django_assert_max_num_queries(200) as queries:
        locations = sitemap_locations(client)
    # The sitemap loads pages without their StreamFields; reading professional_detail would cost a query each.
    assert sum('"professional_detail"' in query["sql"] for query in queries.captured_queries) == 1
    assert sum(loc.endswith(f"/{PROFESSIONAL}") for loc in locations) == 6


def test_questions_saved_before_the_professional_fields_existed_have_no_professional_version(
    client, site_tree, patient_only
):
    # The migration filled the new StreamField with an empty JSON string, not an empty list.
    QuestionPage.objects.filter(pk=patient_only.pk).update(professional_detail="")
    assert not QuestionPage.objects.get(pk=patient_only.pk).has_professional_version
    assert "Questions answered for health professionals" not in get_soup(client, "/health-professionals/").get_text()
    assert not any(loc.endswith(PROFESSIONAL) for loc in sitemap_locations(client))


# ---------------------------------------------------------------------------------------------------------------
# Demo content


def test_the_demo_has_a_question_with_a_professional_version(client, site_tree, questions_index):
    from cancerinfo.questions import demo

    demo.load(site_tree, Quiet())
    demo.load(site_tree, Quiet())  # safe to run twice
    with_version = [page for page in QuestionPage.objects.live() if page.has_professional_version]
    assert [page.title for page in with_version] == ["What are bisphosphonates and why have I been offered them?"]
    page = with_version[0]
    doc = get_soup(client, f"{page.url}{PROFESSIONAL}")
    assert "skeletal-related events" in doc.select_one(".question__short-answer").get_text()
    assert switch(doc).find("a", string="For patients")["href"] == page.url
    assert get_soup(client, "/health-professionals/").find("a", href=f"{page.url}{PROFESSIONAL}")


# ---------------------------------------------------------------------------------------------------------------
# Editors


def test_editors_write_the_professional_version_in_the_page_editor(admin_client, question):
    response = admin_client.get(f"/admin/pages/{question.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Version for health professionals (optional)" in html
    assert "They reduce skeletal-related events" in html


def test_editors_preview_the_professional_version_before_it_is_published(make_question, rf, admin_user):
    draft = make_question("Is it safe to drive?")
    draft.professional_answer = "Advise on driving after sedating analgesia."
    request = rf.get("/")
    request.user = admin_user
    professional = draft.make_preview_request(request, preview_mode="professional").render().content.decode()
    patient = draft.make_preview_request(request, preview_mode="").render().content.decode()
    assert "Advise on driving after sedating analgesia." in professional
    assert "Advise on driving after sedating analgesia." not in patient
    assert "The short answer to Is it safe to drive?" in patient
