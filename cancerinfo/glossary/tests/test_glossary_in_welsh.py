"""The glossary's A–Z page in Welsh: the search box, the letters, the headings, the counts, the messages and the
pager are in Welsh on the Welsh page (locale/cy, glossary/services.py); the English page keeps its English."""

import pytest

from cancerinfo.glossary import services
from cancerinfo.glossary.models import Term
from cancerinfo.translations.tests.factories import assert_english_kept, translate, welsh_page_html

pytestmark = pytest.mark.django_db

# (Welsh, the English it replaces) on the A–Z page with no query.
A_TO_Z = [
    ("Chwilio'r eirfa", "Search the glossary"),
    ('aria-label="Geiriau\'r eirfa yn ôl eu llythyren gyntaf"', "Glossary words by first letter"),
    ("A (3 gair)", "A (3 words)"),
    ("Z (dim geiriau)", "Z (no words)"),
    ("0–9 a symbolau (dim geiriau)", "0–9 and symbols (no words)"),
    ('<h2 id="glossary-results">Pob gair</h2>', "All words"),
    ("3 gair, yn dangos 1 i 2.", "3 words, showing 1 to 2."),
    ('aria-label="Tudalennau\'r eirfa"', "Glossary pages"),
    ("Tudalen nesaf", "Next page"),
    ("Tudalen 1 o 2", "Page 1 of 2"),
    ("Gall ein nyrsys esbonio", "Our nurses can explain"),
]


@pytest.fixture
def glossaries(site_tree, monkeypatch):
    monkeypatch.setattr(services, "TERMS_PER_PAGE", 2)
    for name in ("Anaemia", "Antibody", "Apheresis"):
        Term.objects.create(term=name, definition=f"What {name} means.")
    english = site_tree["glossary"]
    return {"english": english, "welsh": translate(english, "cy", {english.title: "Geirfa"})}


def test_the_welsh_a_to_z_is_in_welsh(client, glossaries):
    welsh_page_html(client.get(glossaries["welsh"].url), A_TO_Z)


def test_the_welsh_letter_search_and_messages_are_in_welsh(client, glossaries):
    url = glossaries["welsh"].url

    letter = client.get(url + "?letter=A&page=2").content.decode()
    assert "Geirfa: Geiriau sy&#x27;n dechrau gyda A (tudalen 2)" in letter
    assert "Tudalen flaenorol" in letter and "Previous page" not in letter and "Words starting" not in letter

    nothing = client.get(url + "?q=zebra").content.decode()
    assert "Wnaethon ni ddim dod o hyd i eiriau sy'n cyfateb i “zebra”" in nothing
    assert "We found no words" not in nothing and "words matching" not in nothing

    wrong = client.get(url + "?q=%20&letter=%3F").content.decode()
    assert "Mae problem" in wrong and "Rhowch air i chwilio amdano" in wrong
    assert "There is a problem" not in wrong and "Enter a word" not in wrong


def test_the_english_a_to_z_keeps_its_english(client, glossaries):
    assert_english_kept(client.get(glossaries["english"].url).content.decode(), A_TO_Z)
