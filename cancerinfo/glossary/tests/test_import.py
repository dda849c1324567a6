"""import_glossary loads the NCI dictionary: idempotent, bad records reported and skipped, editors' words kept."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cancerinfo.glossary.importer import parse_record, read_records, split_definition
from cancerinfo.glossary.models import NCI_ATTRIBUTION, Term

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "nci_sample.json"
REAL_FILE = Path(__file__).resolve().parents[4] / "shared" / "data" / "glossary" / "nci_glossary_terms.json"


def run_import(path=FIXTURE) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_glossary", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_creates_terms_with_source_and_attribution():
    out, _ = run_import()
    assert "5 created" in out
    term = Term.objects.get(source_id="CDR0000000101")
    assert term.term == "osteoclast"
    assert term.slug == "osteoclast"
    assert term.pronunciation == "OS-tee-oh-klast"  # capitals show the stress
    assert term.attribution == NCI_ATTRIBUTION == "Definition from the NCI Dictionary of Cancer Terms"
    assert term.shown_attribution == NCI_ATTRIBUTION
    assert term.definition == "A type of bone cell that breaks down bone tissue. Made up for this test."


def test_the_patient_definition_is_preferred():
    run_import()
    assert Term.objects.get(source_id="CDR0000000103").definition == (
        "Higher than normal calcium in the blood, in test wording."
    )


def test_long_definitions_are_split_into_a_short_definition_and_an_explanation():
    run_import()
    term = Term.objects.get(source_id="CDR0000000102")
    assert term.definition == "The soft tissue inside bones, in a test record. It makes blood cells."
    assert "Third sentence" in term.explanation


def test_bad_records_are_reported_and_skipped():
    _, err = run_import()
    assert "record 6 (CDR0000000106): no term; skipped" in err
    assert "record 7 (CDR0000000107): no definition text; skipped" in err
    assert "record 8: not a JSON object; skipped" in err
    assert "record 9: no cdr_id; skipped" in err
    assert Term.objects.count() == 5


def test_two_records_with_the_same_name_get_different_addresses():
    run_import()
    slugs = sorted(Term.objects.filter(term="tpa").values_list("slug", flat=True))
    assert slugs == ["tpa", "tpa-105"]


def test_import_is_idempotent():
    run_import()
    before = list(Term.objects.order_by("source_id").values("id", "slug", "term", "definition", "explanation"))
    out, _ = run_import()
    assert "0 created, 0 updated, 5 unchanged" in out
    after = list(Term.objects.order_by("source_id").values("id", "slug", "term", "definition", "explanation"))
    assert before == after


def test_changed_source_records_are_updated(tmp_path):
    run_import()
    records = json.loads(FIXTURE.read_text())
    records[0]["definitions"][0]["text"] = "A newer wording from the source."
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(records))
    out, _ = run_import(changed)
    assert "1 updated" in out
    assert Term.objects.get(source_id="CDR0000000101").definition == "A newer wording from the source."


def test_an_editors_definition_is_kept_on_reimport():
    run_import()
    term = Term.objects.get(source_id="CDR0000000101")
    term.definition = "Our own words: a cell that clears away old bone."
    term.full_clean()  # what the admin form does: changing an imported definition marks it as the editor's
    term.save()
    assert term.editor_override is True
    out, _ = run_import()
    assert "1 editor definitions kept" in out
    term.refresh_from_db()
    assert term.definition == "Our own words: a cell that clears away old bone."
    assert term.editor_override is True
    assert term.shown_attribution == ""  # no longer the NCI's words, so not credited to them


def test_an_editor_can_tick_override_directly():
    run_import()
    Term.objects.filter(source_id="CDR0000000102").update(definition="Edited.", editor_override=True)
    run_import()
    assert Term.objects.get(source_id="CDR0000000102").definition == "Edited."


def test_our_own_term_with_the_same_name_is_adopted_not_duplicated():
    own = Term.objects.create(term="Osteoclast", definition="Our own definition.")
    run_import()
    own.refresh_from_db()
    assert Term.objects.filter(term__iexact="osteoclast").count() == 1
    assert own.source_id == "CDR0000000101"
    assert own.definition == "Our own definition."
    assert own.editor_override is True


def test_import_bumps_the_glossary_version():
    from cancerinfo.glossary.services import get_matcher

    before = get_matcher()
    run_import()
    after = get_matcher()
    assert after is not before
    assert after.lookup("osteoclasts", "osteoclasts") is not None


def test_a_missing_or_broken_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run_import(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("[{")
    with pytest.raises(CommandError, match="not valid JSON"):
        run_import(broken)
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"a": 1}')
    with pytest.raises(CommandError, match="expected a JSON list"):
        run_import(wrong)


def test_split_definition_keeps_one_or_two_short_sentences():
    assert split_definition("One. Two.") == ("One. Two.", "")
    short, rest = split_definition("A " + "long " * 60 + "sentence. Another one. And more.")
    assert short.endswith("sentence.") and rest == "Another one. And more."


@pytest.mark.skipif(not REAL_FILE.exists(), reason=f"the NCI glossary data is not at {REAL_FILE}")
def test_every_record_in_the_real_file_parses():
    records = read_records(REAL_FILE)
    assert len(records) == 8092
    problems = []
    for number, raw in enumerate(records, start=1):
        try:
            parse_record(raw, number)
        except ValueError as exc:
            problems.append((number, str(exc)))
    assert problems == []


def test_import_drops_cached_pages_that_show_the_old_definitions():
    from cancerinfo.delivery.page_cache import content_version

    before = content_version()
    run_import()
    assert content_version() != before


def test_imported_terms_are_found_by_site_search_at_once():
    from cancerinfo.search.services import get_index, search

    get_index()
    run_import()
    found = search("osteoclast", kinds=["glossary"], log=False)
    assert "osteoclast" in [r.document.title.lower() for r in found.results]
