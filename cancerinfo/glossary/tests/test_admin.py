"""Editors manage glossary terms in the Wagtail admin (a snippet)."""

import pytest
from django.contrib.auth import get_user_model

from cancerinfo.glossary.models import NCI_ATTRIBUTION, Term

pytestmark = pytest.mark.django_db
EMPTY_RICH_TEXT = '{"blocks": [], "entityMap": {}}'  # what the rich text editor posts when left empty


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "a-long-password-1")
    client.force_login(user)
    return client


def test_terms_are_listed_and_searchable_in_the_admin(editor_client):
    Term.objects.create(term="osteoclast", definition="A bone cell.")
    Term.objects.create(term="bone marrow", definition="Inside bones.")
    response = editor_client.get("/admin/snippets/glossary/term/")
    assert response.status_code == 200
    assert b"osteoclast" in response.content
    found = editor_client.get("/admin/snippets/glossary/term/", {"q": "marrow"})
    assert b"bone marrow" in found.content and b"osteoclast" not in found.content


def test_editing_an_imported_definition_in_the_admin_keeps_it(editor_client):
    term = Term.objects.create(
        term="burr hole",
        definition="A small opening in the skull.",
        source_id="CDR0000269437",
        attribution=NCI_ATTRIBUTION,
        source_definition="A small opening in the skull.",
    )
    edit_url = f"/admin/snippets/glossary/term/edit/{term.pk}/"
    form = editor_client.get(edit_url)
    assert form.status_code == 200
    response = editor_client.post(
        edit_url,
        {
            "term": "burr hole",
            "definition": "A small hole a surgeon makes in the skull.",
            "pronunciation": "bur hole",
            "other_names": "",
            "explanation": EMPTY_RICH_TEXT,
            "link_in_pages": "on",
            "slug": "burr-hole",
            "source_id": "CDR0000269437",
            "attribution": NCI_ATTRIBUTION,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    term.refresh_from_db()
    assert term.definition == "A small hole a surgeon makes in the skull."
    assert term.editor_override is True


def test_a_term_needs_a_definition_and_a_free_address(editor_client):
    Term.objects.create(term="osteoclast", definition="A bone cell.")
    response = editor_client.post(
        "/admin/snippets/glossary/term/add/",
        {
            "term": "Osteoclast",
            "definition": "",
            "slug": "osteoclast",
            "link_in_pages": "on",
            "explanation": EMPTY_RICH_TEXT,
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "This field is required" in content or "Enter a short definition" in content
