"""People's words find medical pages and the other way round; British and American spellings meet."""

import pytest

from cancerinfo.search.models import ThesaurusGroup
from cancerinfo.search.services import search
from cancerinfo.search.spelling import parse_varcon, stem_rules
from cancerinfo.search.text import Analyzer

from .conftest import titles

pytestmark = pytest.mark.django_db


def test_the_shipped_thesaurus_is_loaded_for_editors():
    groups = [group.terms_list for group in ThesaurusGroup.objects.all()]
    assert any({"womb", "uterus", "endometrial"} <= set(group) for group in groups)
    assert any({"voice box", "larynx"} <= set(group) for group in groups)


def test_lay_word_finds_the_medical_page(booklet):
    assert "Treating endometrial cancer" in titles(search("womb cancer treatment", log=False))


def test_medical_word_finds_the_lay_page(question):
    assert "What are the symptoms of colorectal cancer?" in titles(search("bowel", log=False))
    assert "What are the symptoms of colorectal cancer?" in titles(search("blood in poo", log=False))


def test_an_editor_can_add_a_group_and_it_works_at_once(booklet):
    assert "Bisphosphonates" not in titles(search("zollies", log=False))
    ThesaurusGroup.objects.create(terms="zollies, bisphosphonates")
    assert "Bisphosphonates" in titles(search("zollies", log=False))


def test_a_group_that_is_switched_off_is_not_used(booklet):
    ThesaurusGroup.objects.create(terms="zollies, bisphosphonates", active=False)
    assert "Bisphosphonates" not in titles(search("zollies", log=False))


def test_american_spelling_finds_british_text(booklet):
    assert "Bisphosphonates" in titles(search("hypercalcemia", log=False))


def test_british_spelling_finds_american_text(question):
    question.short_answer = "Tumor markers and esophageal changes."
    question.save_revision().publish()
    assert "What are the symptoms of colorectal cancer?" in titles(search("tumour oesophageal", log=False))


def test_varcon_lines_give_british_american_pairs():
    lines = [
        "# esophagus <verified> (level 50)",
        "A C Dv: esophagus / B D: oesophagus",
        "A Cv: acknowledgment / Av B C: acknowledgement | usage",
        "A B: prize | reward",
    ]
    assert list(parse_varcon(lines)) == [("oesophagus", "esophagus"), ("acknowledgement", "acknowledgment")]


def test_derived_forms_follow_their_stem():
    pairs = [("oesophagus", "esophagus"), ("oesophagitis", "esophagitis"), ("haemoglobin", "hemoglobin")]
    analyzer = Analyzer({"oesophagus": "esophagus"}, stem_rules(pairs, min_support=2))
    assert analyzer.term("oesophagectomy") == analyzer.term("esophagectomy")
    assert analyzer.term("oesophageal") == analyzer.term("esophageal")
