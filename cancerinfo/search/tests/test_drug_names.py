"""Drug names as people know them: brand and generic names find each other, from the NCI dictionary, editable."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from cancerinfo.booklets.tests.factories import add_section, make_booklet
from cancerinfo.search.drugnames import drug_groups
from cancerinfo.search.models import ThesaurusGroup
from cancerinfo.search.services import search

NCI_DICTIONARY = Path(settings.SEARCH_DATA_DIR) / "glossary" / "nci_glossary_terms.json"


def entry(term: str, text: str) -> dict:
    return {"term": term, "definitions": [{"text": text, "audience": "Patient", "dictionary": "Cancer.gov"}]}


ENTRIES = [
    entry(
        "Zometa",
        "A drug used to treat hypercalcemia caused by cancer. It is a type of bisphosphonate. "
        "Also called zoledronate and zoledronic acid.",
    ),
    entry(
        "zoledronic acid",
        "A drug used to treat hypercalcemia caused by cancer. It is a type of bisphosphonate. "
        "Also called zoledronate and Zometa.",
    ),
    entry("Herceptin", "A monoclonal antibody used to treat breast cancer. Also called trastuzumab."),
    entry(
        "pamidronate disodium",
        "A drug used to treat hypercalcemia caused by cancer. It is a type of bisphosphonate. Also called Aredia.",
    ),
    entry("ibandronate sodium", "A drug used to treat bone loss. It is a type of bisphosphonate."),
    entry("calcium", "A mineral needed for healthy bones."),
    entry("biopsy", "The removal of cells or tissues for examination. Also called tissue sampling."),
]


def test_each_drug_is_one_group_of_its_names_and_its_family():
    groups = drug_groups(ENTRIES)
    assert sorted(map(sorted, groups)) == [
        ["aredia", "bisphosphonates", "pamidronate", "pamidronate disodium"],
        ["bisphosphonates", "ibandronate", "ibandronate sodium"],
        ["bisphosphonates", "zoledronate", "zoledronic acid", "zometa"],
        ["herceptin", "trastuzumab"],
    ]  # the same drug under two names is one group; a procedure ("biopsy") is not a drug; a salt's name gives the
    # name people say ("pamidronate"), with or without other names in the dictionary


@pytest.fixture
def bisphosphonates_section(site_tree):
    booklet = make_booklet(site_tree["cancer-types"], "Understanding secondary bone cancer", sections=0)
    return add_section(
        booklet,
        "Bone-strengthening drugs",
        body="<p>Zoledronic acid is given into a vein every three to four weeks to protect your bones.</p>",
    )


@pytest.mark.django_db
def test_a_brand_name_finds_the_generic_name_and_editors_can_change_it(tmp_path, bisphosphonates_section):
    assert search("zometa", log=False).total == 0
    dictionary = tmp_path / "terms.json"
    dictionary.write_text(json.dumps(ENTRIES))
    out = StringIO()
    call_command("load_drug_names", str(dictionary), stdout=out)
    assert "4 thesaurus groups added" in out.getvalue()

    assert search("zometa", log=False).results[0].document.title == "Bone-strengthening drugs"
    assert search("bisphosphonates", log=False).results[0].document.title == "Bone-strengthening drugs"

    # In the thesaurus like any other group: an editor switches it off, and Zometa no longer finds the page.
    group = ThesaurusGroup.objects.get(terms__contains="zometa")
    assert group.source == "nci-drugs"
    group.active = False
    group.save()
    assert search("zometa", log=False).total == 0

    call_command("load_drug_names", str(dictionary), stdout=out)  # again: the editor's choice stays
    assert ThesaurusGroup.objects.filter(terms__contains="zometa").count() == 1
    assert not ThesaurusGroup.objects.get(terms__contains="zometa").active


@pytest.mark.django_db
def test_the_nci_dictionary_gives_hundreds_of_drugs(bisphosphonates_section):
    if not NCI_DICTIONARY.exists():
        pytest.skip(f"The NCI dictionary is absent ({NCI_DICTIONARY}); see ../shared/data/README.md")
    bisphosphonates_section.title = "Bisphosphonates"
    bisphosphonates_section.save_revision().publish()
    call_command("load_drug_names", stdout=StringIO())
    assert ThesaurusGroup.objects.filter(source="nci-drugs").count() > 300
    # Aredia is pamidronate, a bisphosphonate: the page about bisphosphonates helps.
    assert search("aredia", log=False).results[0].document.title == "Bisphosphonates"
