"""The demo questions come from content files (questions/demo/, docs/demo-content.md): the demo reads the same
questions, fields and blocks as when they were written in Python. The snapshot in fixtures/demo_questions.json was
taken from that code before the move."""

import json
from pathlib import Path

from cancerinfo.questions.demo import read_questions

from .demo_snapshot import questions_snapshot

SNAPSHOT = json.loads((Path(__file__).parent / "fixtures" / "demo_questions.json").read_text(encoding="utf-8"))


def test_the_content_files_give_the_same_questions_as_before():
    assert questions_snapshot(read_questions()) == SNAPSHOT


def test_a_professional_version_sits_beside_its_question_in_the_same_shape():
    [question] = [data for data in read_questions() if "professional_answer" in data]
    assert question["title"] == "What are bisphosphonates and why have I been offered them?"
    assert question["professional_answer"].startswith("In secondary bone cancer, bisphosphonates lower the risk")
    assert [kind for kind, _ in question["professional_detail"]] == ["paragraph", "key_points", "callout"]
