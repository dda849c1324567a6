"""Editors code a booklet with what it is about (ICD-10, SNOMED CT) on its edit page, beside its cancer types; the
codes are the published version's until a new one is published."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from cancerinfo.booklets.models import BookletCode

from .factories import make_booklet, publish

pytestmark = pytest.mark.django_db


def test_the_booklet_edit_page_has_a_clinical_codes_panel_showing_the_codes(client, site_tree):
    booklet = make_booklet(site_tree["cancer-types"], "Coded booklet", sections=0)
    booklet.clinical_codes.add(BookletCode(system="icd10", code="c795"))
    publish(booklet)
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.com", "a-long-password-1"))
    response = client.get(f"/admin/pages/{booklet.pk}/edit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Clinical codes" in html and 'name="clinical_codes-TOTAL_FORMS"' in html
    assert 'value="C79.5"' in html  # kept as written in the standard


def test_a_booklet_code_is_checked_as_a_cancer_types_is(site_tree):
    booklet = make_booklet(site_tree["cancer-types"], "Coded booklet", sections=0)
    code = BookletCode(booklet=booklet, system="icd10", code="bone")
    with pytest.raises(ValidationError) as refused:
        code.full_clean()
    assert "'bone' is not an ICD-10 code" in refused.value.message_dict["code"][0]
