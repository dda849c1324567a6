"""When many people search the same words, each process ranks them once until the content changes."""

import pytest

from cancerinfo.booklets.tests.factories import add_section, make_booklet
from cancerinfo.search import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def booklet(site_tree):
    services.reset()
    booklet = make_booklet(site_tree["cancer-types"], "Understanding secondary cancer in the bone", sections=0)
    add_section(booklet, "Bisphosphonates", body="<p>Bisphosphonates protect the bones.</p>")
    return booklet


def test_the_same_words_are_ranked_once_and_give_the_same_results(booklet, monkeypatch):
    index = services.get_index()
    calls = []
    real_search = index.search
    monkeypatch.setattr(index, "search", lambda query, **options: calls.append(query) or real_search(query, **options))
    first = services.search("bisphosphonates", log=False)
    second = services.search("bisphosphonates", log=False)
    assert calls == ["bisphosphonates"]
    assert [r.document.key for r in first.results] == [r.document.key for r in second.results]
    assert [r.snippet for r in first.results] == [r.snippet for r in second.results]
    assert first.results and "<mark>" in first.results[0].snippet


def test_measuring_ranks_every_time(booklet, monkeypatch):
    index = services.get_index()
    calls = []
    real_search = index.search
    monkeypatch.setattr(index, "search", lambda query, **options: calls.append(query) or real_search(query, **options))
    services.search("bisphosphonates", log=False, remember=False)
    services.search("bisphosphonates", log=False, remember=False)
    assert calls == ["bisphosphonates", "bisphosphonates"]


def test_a_content_change_starts_afresh(booklet):
    services.search("bisphosphonates", log=False)
    before = services.get_index()
    add_section(booklet, "Treating pain", body="<p>Bisphosphonates can ease bone pain.</p>")
    after = services.get_index()
    assert after is not before
    titles = [r.document.title for r in services.search("bisphosphonates", log=False).results]
    assert "Treating pain" in titles
