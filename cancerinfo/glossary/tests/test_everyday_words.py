"""Everyday words ("bones", "symptoms") get no glossary link: readers know them, and a link on each page cluttered
the text. Medical terms still do. The demo glossary and an imported dictionary start everyday words with linking
off; editors can turn it back on for a term."""

import io
import re
from types import SimpleNamespace

import pytest

from cancerinfo.booklets.demo import DEMO_FOLDER
from cancerinfo.core.content_files import markdown_to_html, read_content_file
from cancerinfo.glossary import demo
from cancerinfo.glossary.everyday import is_everyday
from cancerinfo.glossary.importer import import_terms
from cancerinfo.glossary.linking import link_glossary_terms
from cancerinfo.glossary.models import Term
from cancerinfo.glossary.services import reset_matcher

pytestmark = pytest.mark.django_db

PAGE = SimpleNamespace(pk=5, link_glossary_terms=True)
SYMPTOMS_SECTION = DEMO_FOLDER / "secondary-bone-cancer" / "05-what-are-the-symptoms.md"


def linked_words(html: str) -> list[str]:
    return [word.lower() for word in re.findall(r'<a class="glossary-term__link" href="[^"]*">([^<]*)</a>', html)]


def demo_section_html() -> str:
    section = read_content_file(SYMPTOMS_SECTION)
    return markdown_to_html(section.body, SYMPTOMS_SECTION)


def test_the_demo_text_links_medical_terms_but_not_bones_or_symptoms():
    demo.load({}, io.StringIO())
    reset_matcher()
    html = demo_section_html()
    assert "bones" in html and "symptoms" in html and "hypercalcaemia" in html.lower()

    linked = linked_words(link_glossary_terms(html, page=PAGE))

    assert "hypercalcaemia" in linked
    assert not {"bone", "bones", "symptom", "symptoms"} & set(linked)


def test_an_editor_can_link_an_everyday_word_again():
    demo.load({}, io.StringIO())
    Term.objects.filter(term="symptom").update(link_in_pages=True)
    reset_matcher()

    assert "symptoms" in linked_words(link_glossary_terms(demo_section_html(), page=PAGE))


def test_an_imported_dictionary_starts_its_everyday_words_unlinked():
    records = [
        {"cdr_id": "1", "term": "Bone", "definitions": [{"text": "The hard tissue.", "audience": "Patient"}]},
        {"cdr_id": "2", "term": "Osteoclast", "definitions": [{"text": "A cell.", "audience": "Patient"}]},
    ]
    import_terms(records)

    assert is_everyday("Bone")
    assert not Term.objects.get(term="Bone").link_in_pages
    assert Term.objects.get(term="Osteoclast").link_in_pages
