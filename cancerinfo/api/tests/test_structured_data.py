"""Booklet, section, question and glossary pages carry schema.org MedicalWebPage JSON-LD: when the page was last
reviewed, by whom, for whom it is written and what it is about; a question keeps its FAQPage beside it."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

BONE = {
    "@type": "MedicalCondition",
    "name": "Secondary bone cancer",
    "code": [{"@type": "MedicalCode", "codeValue": "C79.5", "codingSystem": "ICD-10"}],
}


def json_ld(response) -> dict[str, dict]:
    assert response.status_code == 200
    doc = BeautifulSoup(response.content, "html.parser")
    found = [json.loads(script.string) for script in doc.find_all("script", type="application/ld+json")]
    return {data["@type"]: data for data in found}


def assert_medical_web_page(data: dict, last_reviewed: str | None, audience: str = "Patient"):
    assert data["@context"] == "https://schema.org"
    if last_reviewed:
        assert data["lastReviewed"] == last_reviewed
    assert data["reviewedBy"] and all(reviewer["name"] for reviewer in data["reviewedBy"])
    assert data["audience"] == {"@type": "MedicalAudience", "audienceType": audience}
    assert data["url"].startswith("http")


def test_a_section_is_reviewed_with_its_booklet_and_about_its_cancer_type(client, content):
    data = json_ld(client.get(content["first_section"].url))["MedicalWebPage"]
    assert_medical_web_page(data, "2026-03-03")
    assert data["name"] == "What it is"
    assert data["about"] == [BONE]
    assert data["reviewedBy"] == [{"@type": "Organization", "name": "CancerInfo (sample charity)"}]


def test_a_booklet_page(client, content):
    data = json_ld(client.get(content["bone_booklet"].url))["MedicalWebPage"]
    assert_medical_web_page(data, "2026-03-03")
    assert [condition["name"] for condition in data["about"]] == ["Secondary bone cancer"]


def test_a_question_has_both_its_faq_page_and_its_medical_web_page(client, content):
    question = content["question"]
    question.last_reviewed = datetime.date(2026, 1, 2)
    question.save_revision().publish()
    found = json_ld(client.get(question.url))
    assert "FAQPage" in found
    data = found["MedicalWebPage"]
    assert_medical_web_page(data, "2026-01-02")
    assert data["about"] == [BONE]


def test_the_condition_names_its_clinical_codes_and_follows_the_editors_changes(client, content):
    from cancerinfo.taxonomy.models import CancerTypeCode

    CancerTypeCode.objects.create(cancer_type=content["bone"], system="snomed", code="94222008")
    data = json_ld(client.get(content["bone_booklet"].url))["MedicalWebPage"]
    assert data["about"][0]["code"] == [
        {"@type": "MedicalCode", "codeValue": "C79.5", "codingSystem": "ICD-10"},
        {"@type": "MedicalCode", "codeValue": "94222008", "codingSystem": "SNOMED CT"},
    ]
    CancerTypeCode.objects.filter(cancer_type=content["bowel"]).delete()
    bowel = json_ld(client.get(content["bowel_booklet"].url))["MedicalWebPage"]
    assert bowel["about"] == [{"@type": "MedicalCondition", "name": "Bowel cancer"}]  # no codes: no code


def test_a_glossary_page_is_about_its_term(client, content, site_tree):
    data = json_ld(client.get(f"{site_tree['glossary'].url}metastasis/"))["MedicalWebPage"]
    assert_medical_web_page(data, content["term"].updated_at.date().isoformat())
    assert data["about"] == [{"@type": "DefinedTerm", "name": "Metastasis", "description": "Cancer that has spread."}]


def test_reviewers_come_from_the_pages_approvals(client, content, monkeypatch):
    from cancerinfo.governance import interface
    from cancerinfo.governance.interface import Approval

    approval = Approval(name="Dr Sample Reviewer", role="Clinical reviewer", task="Clinical review", date=None)
    monkeypatch.setattr(interface, "approvals", lambda page: [approval] if page.pk == content["question"].pk else [])
    data = json_ld(client.get(content["question"].url))["MedicalWebPage"]
    assert data["reviewedBy"] == [{"@type": "Person", "name": "Dr Sample Reviewer", "jobTitle": "Clinical reviewer"}]
