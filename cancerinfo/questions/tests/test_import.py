"""import_questions: keeps qids and URLs, maps topics and cancer types, re-runs safely, skips malformed files."""

import io
import shutil

import pytest
from django.core.management import call_command

from cancerinfo.questions.importer import QuestionImporter, parse_file, source_qid, xml_files
from cancerinfo.questions.models import QuestionPage

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db


def run(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_questions", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_creates_live_question_pages_with_source_details(questions_index, small_data):
    out, err = run(small_data)
    assert "5 created" in out
    assert not err
    page = QuestionPage.objects.get(source_qid="0000901_1-1")
    assert page.live
    assert page.get_parent().pk == questions_index.pk
    assert page.title == "What is Sample Hairy Leukaemia?"
    assert page.source_url == "https://www.cancer.gov/types/example/patient/sample-leukemia-pdq"
    assert page.source_licence == "CC BY 4.0"
    assert "cancer.gov" in page.source_name
    assert page.short_answer == "Sample hairy leukemia is a made-up cancer used in our tests."
    assert [block.block_type for block in page.detail] == ["key_points", "paragraph"]
    assert [t.slug for t in page.topics.all()] == ["about"]
    assert [c.name for c in page.cancer_types.all()] == ["Sample Hairy Leukaemia"]
    assert page.last_reviewed is not None and page.next_review_due is not None
    assert page.latest_revision is not None and page.live_revision_id == page.latest_revision_id
    inherited = QuestionPage.objects.get(source_qid="0000901_1-3")
    assert [t.slug for t in inherited.topics.all()] == ["risk"]


def test_imported_answers_are_valid_for_editors(questions_index, small_data, admin_client):
    run(small_data)
    stream_block = QuestionPage._meta.get_field("detail").stream_block
    for page in QuestionPage.objects.all():
        stream_block.clean(page.detail)
        assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def test_imported_pages_are_searchable(questions_index, small_data):
    run(small_data)
    results = QuestionPage.objects.live().search("bruising")
    assert [page.source_qid for page in results] == ["0000901_1-2"]


def test_reimport_is_idempotent(questions_index, small_data):
    run(small_data)
    before = dict(QuestionPage.objects.values_list("source_qid", "pk"))
    out, _ = run(small_data)
    assert "0 created, 0 updated, 5 unchanged" in out
    assert dict(QuestionPage.objects.values_list("source_qid", "pk")) == before


def test_reimport_updates_a_changed_answer_in_place(questions_index, small_data):
    run(small_data)
    page = QuestionPage.objects.get(source_qid="0000901_1-2")
    path = small_data / "0000901_1.xml"
    path.write_text(path.read_text().replace("Tiredness is the most common", "Feeling tired is the main"))
    out, _ = run(small_data)
    assert "0 created, 1 updated, 4 unchanged" in out
    page.refresh_from_db()
    assert page.short_answer == "Feeling tired is the main symptom of sample hairy leukemia."
    assert QuestionPage.objects.filter(source_qid="0000901_1-2").count() == 1
    assert page.live_revision.as_object().short_answer == page.short_answer


def test_a_broken_file_is_reported_and_the_rest_import(questions_index, small_data):
    shutil.copy(FIXTURES / "broken_not_xml.xml", small_data / "0000903_1.xml")
    shutil.copy(FIXTURES / "missing_qid.xml", small_data / "0000904_1.xml")
    out, err = run(small_data)
    assert "0000903_1.xml" in err and "not well-formed XML" in err
    assert "0000904_1.xml" in err and "question 2 has no qid" in err
    assert "5 created" in out and "skipped: 2" in out
    assert QuestionPage.objects.count() == 5
    assert not QuestionPage.objects.filter(source_qid__startswith="0000904").exists(), "nothing from a bad file"


def test_a_missing_path_is_a_clear_error(questions_index, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="does not exist"):
        run(tmp_path / "nowhere")
    with pytest.raises(CommandError, match="no .xml files"):
        run(tmp_path)


def test_a_single_file_can_be_imported(questions_index, small_data):
    report = QuestionImporter().run(xml_files(small_data / "0000902_1.xml"))
    assert report.created == 2


def test_qids_reused_by_split_files_are_made_unique():
    assert source_qid("0000013_2", "0000013_2-1") == "0000013_2-1"
    assert source_qid("0000013_2_1", "0000013_2-1") == "0000013_2_1-1"
    assert source_qid("renamed", "0000013_2-1") == "0000013_2-1"


def test_parse_file_reads_every_question(small_data):
    questions = parse_file(small_data / "0000901_1.xml")
    assert [q.qid for q in questions] == ["0000901_1-1", "0000901_1-2", "0000901_1-3"]
    assert {q.qtype for q in questions} == {"information", "symptoms", "genetic changes"}
