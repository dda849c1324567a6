"""Fixtures for the CancerQs tests: the site skeleton with its questions area, and small MedQuAD files of our own."""

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REAL_DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "medquad-cancergov" / "1_CancerGov_QA"


@pytest.fixture
def questions_index(site_tree):
    from cancerinfo.questions.models import QuestionIndexPage

    index = site_tree["questions"]
    assert isinstance(index, QuestionIndexPage), "core/demo.py AREAS should make /questions/ a QuestionIndexPage"
    return index


@pytest.fixture
def small_data(tmp_path) -> Path:
    """A folder holding copies of our two well-formed sample files (five questions), free to change."""
    folder = tmp_path / "medquad"
    shutil.copytree(FIXTURES / "medquad_small", folder)
    return folder


@pytest.fixture
def real_data() -> Path:
    if not REAL_DATA.is_dir():
        pytest.skip(f"The MedQuAD data is absent ({REAL_DATA}); see ../shared/data/README.md")
    return REAL_DATA


@pytest.fixture
def make_question(questions_index):
    """Create a live question page under the questions area."""
    from cancerinfo.questions.models import QuestionPage

    def make(title, cancer_types=(), topics=(), treatments=(), **fields):
        fields.setdefault("short_answer", f"The short answer to {title}")
        page = questions_index.add_child(instance=QuestionPage(title=title, **fields))
        page.cancer_types.set(cancer_types)
        page.topics.set(topics)
        page.treatments.set(treatments)
        page.save_revision().publish()
        return page

    return make


@pytest.fixture
def make_version():
    """Give a question its version for health professionals: a live question page under it."""
    from cancerinfo.questions.models import PROFESSIONAL_SLUG, QuestionPage

    def make(question, publish=True, **fields):
        fields.setdefault("short_answer", f"For professionals: {question.title}")
        version = question.add_child(
            instance=QuestionPage(title=question.title, slug=PROFESSIONAL_SLUG, audience="professionals", **fields)
        )
        revision = version.save_revision()
        if publish:
            revision.publish()
        else:
            version.unpublish()
        return version

    return make
