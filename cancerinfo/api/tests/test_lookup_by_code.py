"""Lookup by clinical code, as a health record system uses it (like MedlinePlus Connect): given an ICD-10 code or a
SNOMED CT concept, the published booklets, sections and questions about that condition, best first, each saying
which stored code found it. ICD-10 codes are matched by hierarchy: C79.51 finds what is coded C79.5 or C79."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cancerinfo.api import lookup
from cancerinfo.booklets.models import BookletCode, BookletPage
from cancerinfo.booklets.tests.factories import add_section, make_booklet, publish
from cancerinfo.taxonomy.models import CancerTypeCode

pytestmark = pytest.mark.django_db

LOOKUP = "/api/v1/lookup/"


def coded_booklet(parent, title: str, *codes: str, sections: int = 1, system: str = "icd10"):
    booklet = make_booklet(parent, title, sections=sections)
    for code in codes:
        booklet.clinical_codes.add(BookletCode(system=system, code=code))
    return publish(booklet)


def found(response) -> list[tuple[str, str, str, str]]:
    """(type, title, the stored code it was found by, how) of each item."""
    assert response.status_code == 200, response.content
    return [
        (item["type"], item["title"], item["match"]["code"], item["match"]["via"]) for item in response.json()["items"]
    ]


@pytest.fixture
def coded(site_tree, content):
    """Beside the bone cancer type (C79.5) and its booklet: booklets coded themselves, more and less precisely."""
    area = site_tree["cancer-types"]
    return {
        **content,
        "spine": coded_booklet(area, "Spinal metastases", "C79.51"),
        "bones": coded_booklet(area, "Bone and marrow", "c795"),  # an editor's spelling, kept as C79.5
        "other": coded_booklet(area, "Other secondary cancers", "C79"),
    }


# --- ICD-10, with its hierarchy -------------------------------------------------------------------------------------


def test_an_icd10_code_finds_what_is_coded_with_it_and_with_the_codes_above_it_best_first(client, coded):
    answer = client.get(LOOKUP, {"system": "icd10", "code": "C79.51", "type": "booklet"})
    assert found(answer) == [
        ("booklet", "Spinal metastases", "C79.51", "booklet"),  # the exact code
        ("booklet", "Bone and marrow", "C79.5", "booklet"),  # the code above it, on the booklet itself
        ("booklet", "Understanding secondary bone cancer", "C79.5", "cancer_type"),  # ... through its cancer type
        ("booklet", "Other secondary cancers", "C79", "booklet"),  # the category
    ]
    assert [item["match"]["exact"] for item in answer.json()["items"]] == [True, False, False, False]
    lookup_meta = answer.json()["lookup"]
    assert lookup_meta["code"] == "C79.51" and lookup_meta["searched"] == ["C79.51", "C79.5", "C79"]
    assert answer.json()["conditions"][0]["name"] == "Secondary bone cancer"
    assert answer.json()["conditions"][0]["matched_code"] == "C79.5"
    bone = next(item for item in answer.json()["items"] if item["match"]["via"] == "cancer_type")
    assert bone["match"]["cancer_type"] == {"slug": "secondary-bone-cancer", "name": "Secondary bone cancer"}


def test_a_more_general_code_does_not_find_what_is_coded_more_precisely(client, coded):
    answer = client.get(LOOKUP, {"system": "icd10", "code": "C79", "type": "booklet"})
    assert found(answer) == [("booklet", "Other secondary cancers", "C79", "booklet")]


def test_booklets_come_first_then_their_sections_then_the_questions_about_the_condition(client, coded):
    answer = client.get(LOOKUP, {"system": "icd10", "code": "C79.5"})
    assert found(answer) == [
        ("booklet", "Bone and marrow", "C79.5", "booklet"),
        ("booklet", "Understanding secondary bone cancer", "C79.5", "cancer_type"),
        ("section", "Section 1", "C79.5", "booklet"),
        ("section", "What it is", "C79.5", "cancer_type"),
        ("section", "Living with it", "C79.5", "cancer_type"),
        ("question", "Does radiotherapy hurt?", "C79.5", "cancer_type"),
        ("booklet", "Other secondary cancers", "C79", "booklet"),
        ("section", "Section 1", "C79", "booklet"),
    ]
    section = answer.json()["items"][3]
    assert section["booklet"]["title"] == "Understanding secondary bone cancer"
    assert section["last_reviewed"] == "2026-03-03"  # its booklet's review
    question = answer.json()["items"][5]
    assert question["summary"] == "No, it does not hurt."
    assert question["url"].endswith("/does-radiotherapy-hurt/")
    assert question["licence"]["name"] and question["attribution"]
    assert answer.json()["terms"]["terms_url"].endswith("/api/#terms-of-reuse")


def test_codes_are_read_however_they_are_written(client, coded):
    expected = found(client.get(LOOKUP, {"system": "icd10", "code": "C79.51"}))
    assert found(client.get(LOOKUP, {"system": "icd10", "code": "c7951"})) == expected
    assert found(client.get(LOOKUP, {"system": "icd10", "code": "c79.51 "})) == expected
    # The address as the issue writes it, without the final slash.
    assert found(client.get("/api/v1/lookup", {"system": "icd10", "code": "C79.51"})) == expected


def test_another_condition_finds_its_own_content(client, content):
    answer = client.get(LOOKUP, {"system": "icd10", "code": "C18.7"})  # sigmoid colon: bowel cancer is C18-C20
    assert found(answer) == [
        ("booklet", "Understanding bowel cancer", "C18", "cancer_type"),
        ("section", "Section 1", "C18", "cancer_type"),
        ("section", "Section 2", "C18", "cancer_type"),
        ("question", "What is bowel cancer?", "C18", "cancer_type"),
    ]


# --- SNOMED CT --------------------------------------------------------------------------------------------------------


def test_a_snomed_ct_concept_finds_what_is_coded_with_that_concept(client, coded):
    CancerTypeCode.objects.create(cancer_type=coded["bone"], system="snomed", code="94222008")
    coded_booklet(coded["spine"].get_parent(), "Coded by concept", "94222008", sections=0, system="snomed")
    answer = client.get(LOOKUP, {"system": "snomed", "code": "94222008", "type": "booklet"})
    assert found(answer) == [
        ("booklet", "Coded by concept", "94222008", "booklet"),
        ("booklet", "Understanding secondary bone cancer", "94222008", "cancer_type"),
    ]
    assert answer.json()["lookup"]["hierarchy"] is False
    assert answer.json()["lookup"]["coding_system"] == "SNOMED CT"
    # No hierarchy is held for SNOMED CT: another valid concept finds nothing, ICD-10's C79.5 does not answer it.
    other = client.get(LOOKUP, {"system": "snomed", "code": "254837009"})
    assert other.status_code == 404
    assert "SNOMED CT 254837009" in other.json()["error"]["message"]


# --- Errors -----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["C7", "79.5", "C79.512", "12345", "C79.5; drop table"])
def test_what_has_the_shape_of_no_code_is_refused_saying_what_a_code_looks_like(client, content, code):
    response = client.get(LOOKUP, {"system": "icd10", "code": code})
    assert response.status_code == 400
    assert (
        "Give an ICD-10 code (as C79.5) or a SNOMED CT concept id" in response.json()["error"]["details"][0]["message"]
    )
    assert response.json()["terms"]["licence"]["name"]


@pytest.mark.parametrize(
    ("system", "code", "message"),
    [
        (
            "snomed",
            "94222007",
            "94222007 is not a SNOMED CT concept id: its last digit (the check digit) does not match",
        ),
        ("snomed", "C79.5", "'C79.5' is not a SNOMED CT concept id"),
        ("icd10", "254837009", "'254837009' is not an ICD-10 code"),
    ],
)
def test_a_code_that_is_not_one_of_the_system_asked_for_is_not_found_saying_why(client, content, system, code, message):
    response = client.get(LOOKUP, {"system": system, "code": code})
    assert response.status_code == 404
    assert response.json()["error"]["message"].startswith(message)


def test_an_unknown_system_or_a_missing_code_is_refused(client, content):
    assert client.get(LOOKUP, {"system": "loinc", "code": "C79.5"}).status_code == 400
    missing = client.get(LOOKUP, {"system": "icd10"})
    assert missing.status_code == 400
    assert any("code" in detail["where"] for detail in missing.json()["error"]["details"])


def test_a_code_nothing_is_about_is_not_found_and_says_which_codes_were_tried(client, content):
    response = client.get(LOOKUP, {"system": "icd10", "code": "C22.1"})
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "Nothing published is about ICD-10 C22.1 or the codes above it (C22)."


# --- Only what is published -------------------------------------------------------------------------------------------


def test_drafts_private_and_withdrawn_booklets_are_never_found(client, site_tree, content):
    area = site_tree["cancer-types"]
    private = coded_booklet(area, "Private coded booklet", "C79.5")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    withdrawn = coded_booklet(area, "Withdrawn coded booklet", "C79.5", sections=1)
    withdrawn.unpublish(set_expired=False, commit=True, log_action=None)
    draft = area.add_child(instance=BookletPage(title="Draft coded", slug="draft-coded", live=False))
    draft.clinical_codes.add(BookletCode(system="icd10", code="C79.5"))
    draft.save()
    draft_section = add_section(content["bone_booklet"], "Unpublished section", live=False)
    assert BookletCode.objects.filter(code="C79.5").count() == 3

    answer = client.get(LOOKUP, {"system": "icd10", "code": "C79.5", "page_size": 100})
    titles = [item["title"] for item in answer.json()["items"]]
    assert "Understanding secondary bone cancer" in titles and "What it is" in titles
    for hidden in ("Private coded booklet", "Withdrawn coded booklet", "Draft coded", draft_section.title):
        assert hidden not in titles
    assert "Section 1" not in titles  # the withdrawn and private booklets' live sections


def test_a_booklets_code_is_its_published_versions_until_a_new_one_is_published(client, site_tree, content):
    booklet = coded_booklet(site_tree["cancer-types"], "Coded later", "C79.5", sections=0)
    booklet.clinical_codes.add(BookletCode(system="icd10", code="C61"))
    booklet.save_revision()  # a draft: readers (and the lookup) do not see it yet
    assert client.get(LOOKUP, {"system": "icd10", "code": "C61"}).status_code == 404
    booklet.get_latest_revision().publish()
    assert found(client.get(LOOKUP, {"system": "icd10", "code": "C61"})) == [
        ("booklet", "Coded later", "C61", "booklet")
    ]


# --- Paging, the cap, fields ------------------------------------------------------------------------------------------


def test_the_answer_comes_a_page_at_a_time_and_is_capped(client, coded, monkeypatch):
    first = client.get(LOOKUP, {"system": "icd10", "code": "C79.51", "page_size": 3})
    assert first.json()["meta"]["count"] == 10 and first.json()["meta"]["pages"] == 4
    assert (
        first.json()["meta"]["next"] == "http://testserver/api/v1/lookup/?system=icd10&code=C79.51&page_size=3&page=2"
    )
    second = client.get(first.json()["meta"]["next"])
    assert [item["title"] for item in second.json()["items"]] == [
        "Understanding secondary bone cancer", "Section 1", "What it is",
    ]  # fmt: skip

    monkeypatch.setattr(lookup, "MAX_RESULTS", 5)
    capped = client.get(LOOKUP, {"system": "icd10", "code": "C79.51", "fresh": "1"}).json()
    assert capped["meta"]["count"] == 5 and capped["lookup"]["found"] == 10 and capped["lookup"]["capped"] is True
    assert capped["items"][0]["title"] == "Spinal metastases"  # the best are kept


def test_fields_returns_only_the_fields_asked_for(client, coded):
    answer = client.get(LOOKUP, {"system": "icd10", "code": "C79.51", "fields": "title,match"})
    assert answer.status_code == 200
    assert answer.json()["items"][0] == {
        "title": "Spinal metastases", "match": {"code": "C79.51", "exact": True, "via": "booklet", "cancer_type": None},
    }  # fmt: skip
    assert client.get(LOOKUP, {"system": "icd10", "code": "C79.51", "fields": "body"}).status_code == 400


def test_a_page_of_20_takes_as_many_queries_as_a_page_of_2(client, site_tree, content):
    for n in range(2):
        coded_booklet(site_tree["cancer-types"], f"Coded {n}", "C79.5", sections=12)
    for kind in ("section", None):
        client.get(LOOKUP, {"system": "icd10", "code": "C79.5", "page_size": 2})  # what a running server keeps
        counts = {}
        for size in (2, 20):
            params = {"system": "icd10", "code": "C79.5", "page_size": size, "fresh": f"{kind}{size}"}
            if kind:
                params["type"] = kind
            with CaptureQueriesContext(connection) as captured:
                response = client.get(LOOKUP, params)
            assert len(response.json()["items"]) == size
            counts[size] = len(captured.captured_queries)
        assert counts[20] <= counts[2] + (3 if kind is None else 0) <= 20, (kind, counts)


# --- The demo ---------------------------------------------------------------------------------------------------------


def test_the_demo_is_coded_with_real_icd10_codes(client, site_tree):
    from cancerinfo.booklets import demo

    demo.load(site_tree, io.StringIO())
    demo.load(site_tree, io.StringIO())  # again: the codes are replaced, not added twice
    coded = {code.cancer_type.name: code.code for code in CancerTypeCode.objects.filter(system="icd10")}
    assert coded["Secondary bone cancer"] == "C79.5" and coded["Breast cancer"] == "C50"
    assert CancerTypeCode.objects.filter(cancer_type__name="Bowel cancer").count() == 3  # C18, C19, C20
    answer = client.get(LOOKUP, {"system": "icd10", "code": "C79.51"})
    first = answer.json()["items"][0]
    assert (first["title"], first["match"]["code"], first["match"]["via"]) == (
        "Understanding secondary cancer in the bone", "C79.5", "booklet",
    )  # fmt: skip
    breast = client.get(LOOKUP, {"system": "icd10", "code": "C50.9", "type": "booklet"})
    assert "Understanding secondary cancer in the bone" in [item["title"] for item in breast.json()["items"]]
