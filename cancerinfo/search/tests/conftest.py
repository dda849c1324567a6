"""Fixtures for site search: a small site with booklets, questions and a glossary term, searched for real."""

import datetime

import pytest

from cancerinfo.booklets.tests.factories import add_section, make_booklet
from cancerinfo.search import services

# Where the index lives, as the tests that run on each say it: each process's own index ("memory"), the index in the
# database searched from a copy each process holds in memory ("database", as a site of a few thousand pages runs),
# and the index in the database read per search ("database-per-search", as a larger site runs).
BACKENDS = ["memory", "database", "database-per-search"]


def backend_settings(backend: str) -> dict[str, str]:
    """The environment variables of one of BACKENDS (the default limit of documents held in memory, or none)."""
    values = {"SITE_SEARCH_BACKEND": backend.removesuffix("-per-search")}
    if backend.endswith("-per-search"):
        values["SEARCH_IN_MEMORY_DOCUMENTS"] = "0"
    return values


def use_backend(settings, backend: str) -> None:
    for name, value in backend_settings(backend).items():
        setattr(settings, name, int(value) if name == "SEARCH_IN_MEMORY_DOCUMENTS" else value)


@pytest.fixture(autouse=True)
def _fresh_index():
    services.reset()
    yield
    services.reset()


@pytest.fixture
def booklet(site_tree):
    booklet = make_booklet(
        site_tree["cancer-types"], "Understanding womb cancer", sections=0, last_reviewed=datetime.date(2026, 5, 1)
    )
    add_section(
        booklet,
        "Treating endometrial cancer",
        body="<p>Surgery to remove the uterus is the main treatment for endometrial cancer.</p>",
    )
    add_section(
        booklet,
        "Bisphosphonates",
        body="<p>Bisphosphonates protect the bones and lower hypercalcaemia, a raised calcium level.</p>",
    )
    add_section(booklet, "Secret draft", body="<p>Oesophageal secret draft text.</p>", live=False)
    return booklet


@pytest.fixture
def question(site_tree):
    from cancerinfo.questions.models import QuestionPage

    page = site_tree["questions"].add_child(
        instance=QuestionPage(
            title="What are the symptoms of colorectal cancer?",
            short_answer="Rectal bleeding, a change in stool and tummy pain are the most common symptoms.",
            last_reviewed=datetime.date(2026, 4, 2),
        )
    )
    page.save_revision().publish()
    return page


def titles(outcome) -> list[str]:
    return [result.document.title for result in outcome.results]
