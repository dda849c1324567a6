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
    assert "This field is required" in content


def test_editors_stop_linking_many_everyday_terms_at_once(editor_client):
    from cancerinfo.glossary.linking import link_glossary_terms
    from cancerinfo.glossary.services import bump_version

    cell = Term.objects.create(term="cell", definition="The smallest unit of the body.")
    drug = Term.objects.create(term="drug", definition="A medicine.")
    Term.objects.create(term="osteoclast", definition="A bone cell.")
    bump_version()
    page = type("Page", (), {"pk": 1, "link_glossary_terms": True})()
    before = link_glossary_terms("<p>A cell, a drug and an osteoclast.</p>", page=page)
    assert before.count("<a ") == 3

    url = "/admin/bulk/glossary/term/stop_linking/"
    ids = {"id": [cell.pk, drug.pk], "next": "/admin/snippets/glossary/term/"}
    confirm = editor_client.get(url, ids)
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Stop linking 2 terms in booklets and answers?" in html and "Yes, stop linking" in html
    assert ">cell<" in html and ">drug<" in html and ">osteoclast<" not in html

    done = editor_client.post(f"{url}?id={cell.pk}&id={drug.pk}&next=/admin/snippets/glossary/term/")
    assert done.status_code == 302
    assert list(Term.objects.filter(link_in_pages=False).order_by("term").values_list("term", flat=True)) == [
        "cell",
        "drug",
    ]
    after = link_glossary_terms("<p>A cell, a drug and an osteoclast.</p>", page=page)
    assert after.count("<a ") == 1 and "osteoclast</a>" in after  # the linker was rebuilt at once

    editor_client.post(f"/admin/bulk/glossary/term/start_linking/?id={cell.pk}&next=/admin/snippets/glossary/term/")
    assert Term.objects.get(pk=cell.pk).link_in_pages


def test_the_term_list_offers_the_bulk_linking_actions(editor_client):
    Term.objects.create(term="cell", definition="The smallest unit of the body.")
    html = editor_client.get("/admin/snippets/glossary/term/").content.decode()
    # The bulk action bar links to both actions (the "Link in pages" column heading alone would not prove them).
    assert 'href="/admin/bulk/glossary/term/stop_linking/' in html
    assert 'href="/admin/bulk/glossary/term/start_linking/' in html


def test_editors_without_change_permission_cannot_switch_linking(client):
    from django.contrib.auth.models import Group, Permission

    viewer = get_user_model().objects.create_user("viewer", "viewer@example.com", "a-long-password-2")
    group = Group.objects.create(name="Glossary viewers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    viewer.groups.add(group)
    client.force_login(viewer)
    cell = Term.objects.create(term="cell", definition="The smallest unit of the body.")
    client.post(f"/admin/bulk/glossary/term/stop_linking/?id={cell.pk}&next=/admin/")
    assert Term.objects.get(pk=cell.pk).link_in_pages
