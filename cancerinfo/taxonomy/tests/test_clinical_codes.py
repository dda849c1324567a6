"""Clinical codes: editors keep ICD-10 codes and SNOMED CT concepts on cancer types (and booklets), written as the
standards write them, with a clear message when one is not a code."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from cancerinfo.taxonomy import codes
from cancerinfo.taxonomy.models import CancerType, CancerTypeCode

# --- How codes are written ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("C79.5", "C79.5"),
        ("c795", "C79.5"),
        (" c79.51 ", "C79.51"),
        ("C50", "C50"),
        ("d43", "D43"),
        ("C7951", "C79.51"),
    ],
)
def test_icd10_codes_are_kept_in_capitals_with_their_dot(typed, kept):
    assert codes.normalise(codes.ICD10, typed) == kept


@pytest.mark.parametrize("typed", ["", "C7", "79.5", "CC9.5", "C79.", "C.795", "C79.512", "C79.5.1", "C79-5"])
def test_what_is_not_an_icd10_code_is_refused_saying_what_one_looks_like(typed):
    with pytest.raises(codes.CodeError, match="ICD-10|Give a code"):
        codes.normalise(codes.ICD10, typed)


def test_a_snomed_ct_concept_id_needs_its_check_digit_and_a_concepts_partition():
    assert codes.normalise(codes.SNOMED, " 254837009 ") == "254837009"  # malignant neoplasm of breast
    assert codes.normalise(codes.SNOMED, "94222008") == "94222008"  # secondary malignant neoplasm of bone
    with pytest.raises(codes.CodeError, match="check digit"):
        codes.normalise(codes.SNOMED, "254837008")
    with pytest.raises(codes.CodeError, match="6 to 18 digits"):
        codes.normalise(codes.SNOMED, "12345")
    with pytest.raises(codes.CodeError, match="not of a concept"):
        codes.normalise(codes.SNOMED, "1234567013")  # a valid check digit, but partition 01: a description
    with pytest.raises(codes.CodeError, match="Unknown coding system"):
        codes.normalise("loinc", "1234-5")


def test_verhoeff_catches_a_wrong_digit_and_swapped_digits():
    assert codes.verhoeff_valid("2363")  # the textbook example: 236, check digit 3
    assert not codes.verhoeff_valid("2364")
    assert codes.verhoeff_valid("254837009") and not codes.verhoeff_valid("245837009")


def test_an_icd10_codes_ancestors_are_in_the_code_itself_and_snomed_cts_are_not():
    assert codes.ancestors(codes.ICD10, "C79.51") == ["C79.51", "C79.5", "C79"]
    assert codes.ancestors(codes.ICD10, "C50") == ["C50"]
    assert codes.ancestors(codes.SNOMED, "94222008") == ["94222008"]


# --- Kept on cancer types -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_code_saved_by_code_is_kept_normalised_and_a_wrong_one_is_refused():
    bone = CancerType.objects.create(name="Secondary bone cancer")
    assert CancerTypeCode.objects.create(cancer_type=bone, code="c795").code == "C79.5"
    wrong = CancerTypeCode(cancer_type=bone, system="snomed", code="C79.5")
    with pytest.raises(ValidationError) as refused:
        wrong.full_clean()
    assert "not a SNOMED CT concept id" in refused.value.message_dict["code"][0]


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "a-long-password-1")
    client.force_login(user)
    return client


def form(name: str, *rows: tuple[str, str]) -> dict:
    data = {
        "name": name, "slug": "", "summary": "", "other_names": "",
        "clinical_codes-TOTAL_FORMS": str(len(rows)), "clinical_codes-INITIAL_FORMS": "0",
        "clinical_codes-MIN_NUM_FORMS": "0", "clinical_codes-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for n, (system, code) in enumerate(rows):
        data.update(
            {f"clinical_codes-{n}-system": system, f"clinical_codes-{n}-code": code, f"clinical_codes-{n}-id": ""}
        )
    return data


@pytest.mark.django_db
def test_editors_add_codes_to_a_cancer_type_in_the_admin(editor_client):
    page = editor_client.get("/admin/snippets/taxonomy/cancertype/add/")
    assert page.status_code == 200 and "Clinical codes" in page.content.decode()
    response = editor_client.post(
        "/admin/snippets/taxonomy/cancertype/add/", form("Bowel cancer", ("icd10", "c18"), ("icd10", "C20"))
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    bowel = CancerType.objects.get(name="Bowel cancer")
    assert sorted(bowel.clinical_codes.values_list("code", flat=True)) == ["C18", "C20"]


@pytest.mark.django_db
def test_a_wrong_code_is_shown_to_the_editor_with_what_a_code_looks_like(editor_client):
    response = editor_client.post(
        "/admin/snippets/taxonomy/cancertype/add/", form("Breast cancer", ("icd10", "breast"), ("snomed", "254837008"))
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "is not an ICD-10 code: a letter and two digits" in html.replace("&#x27;", "'")
    assert "its last digit (the check digit) does not match" in html
    assert not CancerType.objects.filter(name="Breast cancer").exists()
