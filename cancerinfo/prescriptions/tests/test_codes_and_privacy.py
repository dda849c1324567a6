"""Short codes are unguessable and unique; a prescription stores no personal data."""

import math
import re

import pytest

from cancerinfo.prescriptions.models import (
    CODE_ALPHABET,
    CODE_LENGTH,
    Prescription,
    display_code,
    new_code,
    normalise_code,
)


def test_codes_carry_at_least_60_bits_from_an_alphabet_without_look_alikes():
    assert len(set(CODE_ALPHABET)) == len(CODE_ALPHABET) == 32
    assert not set(CODE_ALPHABET) & set("01IO")
    assert CODE_LENGTH * math.log2(len(CODE_ALPHABET)) >= 60


def test_many_codes_are_all_different_and_use_every_symbol():
    codes = [new_code() for _ in range(20000)]
    assert len(set(codes)) == len(codes)
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert set("".join(codes)) == set(CODE_ALPHABET)


def test_codes_are_shown_in_groups_of_four_and_read_back_in_any_case():
    code = new_code()
    shown = display_code(code)
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", shown)
    assert normalise_code(shown.lower()) == code


@pytest.mark.django_db
def test_each_prescription_gets_its_own_code(content):
    codes = {Prescription.create([["section", content["section"].pk]])[0].code for _ in range(50)}
    assert len(codes) == 50


def test_the_code_column_is_unique():
    assert Prescription._meta.get_field("code").unique


def test_no_field_can_hold_patient_data():
    fields = sorted(field.name for field in Prescription._meta.get_fields())
    assert fields == [
        "author",
        "author_job_title",
        "author_name",
        "code",
        "created_at",
        "expires_at",
        "id",
        "items",
        "note",
        "pdf",
        "pdf_key",
        "revoke_token_hash",
        "revoked_at",
    ]
    # Nothing links a prescription to a patient, a session or an address: only to the professional who wrote a note.
    assert [f.related_model._meta.label for f in Prescription._meta.get_fields() if f.is_relation] == [
        "prescriptions.HealthProfessional"
    ]


@pytest.mark.django_db
def test_the_builder_asks_for_no_patient_details_and_says_so(client, content):
    page = client.get("/health-professionals/prescription/").content.decode()
    assert "Do not include patient names or any other details that could identify your patient" in page
    forms = re.findall(r'<form[^>]*action="/health-professionals/prescription/".*?</form>', page, re.S)
    assert forms
    inputs = set(re.findall(r'name="([^"]+)"', "".join(forms)))
    assert inputs <= {"q", "add", "action", "note", "csrfmiddlewaretoken"}
