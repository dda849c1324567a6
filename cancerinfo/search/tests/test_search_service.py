"""The search service: did you mean, filters and counts, snippets, review dates, drafts, promotions, paging."""

import datetime

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from cancerinfo.booklets.tests.factories import add_section
from cancerinfo.search import services
from cancerinfo.search.services import highlight, search

from .conftest import BACKENDS, titles, use_backend

pytestmark = pytest.mark.django_db


def test_did_you_mean_uses_the_sites_own_words(booklet):
    outcome = search("bisphosphanates", log=False)
    assert outcome.suggestion == "bisphosphonates"
    assert "Bisphosphonates" in titles(outcome)  # and the misspelling still finds the page


def test_no_suggestion_for_words_the_site_knows(booklet):
    assert search("bisphosphonates", log=False).suggestion == ""


def test_counts_per_type_and_filter_by_type(booklet, question):
    outcome = search("cancer", log=False)
    assert outcome.counts["section"] >= 1 and outcome.counts["question"] == 1
    only_questions = search("cancer", kinds=["question"], log=False)
    assert {r.document.kind for r in only_questions.results} == {"question"}
    assert only_questions.counts == outcome.counts  # counts describe every type, so people can switch


def test_filter_by_cancer_type(booklet, question):
    from cancerinfo.taxonomy.models import CancerType

    bowel = CancerType.objects.create(name="Bowel cancer", slug="bowel-cancer-test")
    question.cancer_types.set([bowel])
    question.save_revision().publish()
    outcome = search("cancer", cancer_type="bowel-cancer-test", log=False)
    # The question tagged with it, and the cancer type's own page (Specific cancers > Bowel cancer).
    assert sorted(titles(outcome)) == ["Bowel cancer", "What are the symptoms of colorectal cancer?"]


def test_results_show_parent_booklet_snippet_and_review_date(booklet):
    result = search("endometrial", log=False).results[0]
    assert result.document.title == "Treating endometrial cancer"
    assert result.document.parent == "Understanding womb cancer"
    assert result.document.review_date == datetime.date(2026, 5, 1)
    assert "<mark>endometrial</mark>" in result.snippet


def test_highlighting_escapes_html(booklet):
    add_section(booklet, "Markup", body="<p>Chemo &lt;script&gt;alert(1)&lt;/script&gt; chemo &amp; more.</p>")
    snippets = " ".join(r.snippet for r in search("chemo script", log=False).results)
    assert "<script>" not in snippets
    assert "&lt;" in snippets and "<mark>" in snippets


def test_highlight_marks_only_matched_words(booklet):
    from cancerinfo.search.services import get_index

    html = highlight("Tumours <b>grow</b>. Tumor!", {get_index().term_of("tumour")}, get_index())
    assert html == "<mark>Tumours</mark> &lt;b&gt;grow&lt;/b&gt;. <mark>Tumor</mark>!"


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_documents_words_are_found_once_per_index_however_many_searches_show_it(booklet, settings, backend):
    # Snippets need each shown text's words and their terms: a property of the text, so an index whose documents are
    # in memory works them out once; the database index read per search, whose documents are read each time, anew.
    use_backend(settings, backend)
    made = []
    real = services.TextWords.__init__

    def counted(self, text, index):
        made.append(text)
        real(self, text, index)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(services.TextWords, "__init__", counted)
        first = search("bisphosphonates", log=False, remember=False)
        second = search("calcium bones", log=False, remember=False)
    assert first.results[0].snippet.startswith("<mark>Bisphosphonates</mark> protect the bones")
    assert "raised <mark>calcium</mark> level" in second.results[0].snippet
    shown = first.results[0].document.body
    assert made.count(shown) == (2 if backend.endswith("per-search") else 1)


def test_drafts_and_private_pages_never_appear(booklet):
    private = add_section(booklet, "Private oesophageal notes", body="<p>Oesophageal private text.</p>")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    found = titles(search("oesophageal", log=False))
    assert "Secret draft" not in found
    assert "Private oesophageal notes" not in found


def test_unpublished_page_leaves_the_results(booklet):
    section = booklet.get_children().get(title="Bisphosphonates").specific
    assert "Bisphosphonates" in titles(search("bisphosphonates", log=False))
    section.unpublish()
    assert "Bisphosphonates" not in titles(search("bisphosphonates", log=False))


def test_promoted_results_come_first(booklet, question):
    promoted = booklet.get_children().get(title="Bisphosphonates")
    query = Query.objects.create(query_string="endometrial")
    SearchPromotion.objects.create(query=query, page=promoted, sort_order=0, description="Our pick")
    outcome = search("Endometrial", log=False)
    assert outcome.results[0].document.title == "Bisphosphonates"
    assert outcome.results[0].promoted
    assert [r.document.title for r in outcome.results].count("Bisphosphonates") == 1


def test_paging(booklet):
    for number in range(12):
        add_section(booklet, f"Radiotherapy part {number}", body=f"<p>Radiotherapy detail {number}.</p>")
    first = search("radiotherapy", log=False)
    second = search("radiotherapy", page=2, log=False)
    assert first.total == 12 and first.pages == 2 and len(first.results) == 10
    assert len(second.results) == 2
    assert not set(titles(first)) & set(titles(second))
    assert search("radiotherapy", page=99, log=False).page == 2


def test_search_within_a_booklet(booklet, question):
    outcome = search("cancer", within=booklet.url, log=False)
    assert outcome.results and all(r.document.url.startswith(booklet.url) for r in outcome.results)


def test_the_cancer_type_filter_lists_new_cancer_types_without_a_query_per_search(booklet, django_assert_num_queries):
    from cancerinfo.search.services import filter_options, get_index
    from cancerinfo.taxonomy.models import CancerType

    get_index()
    with django_assert_num_queries(0):
        before = filter_options()["cancer_types"]
    CancerType.objects.create(name="Zygomatic test cancer", slug="zygomatic-test-cancer")
    after = filter_options()["cancer_types"]
    assert "zygomatic-test-cancer" not in before
    assert after["zygomatic-test-cancer"] == "Zygomatic test cancer"


def test_a_questions_version_for_health_professionals_is_found_by_its_own_words(question):
    assert search("sigmoidoscopy", log=False).total == 0
    from cancerinfo.questions.models import PROFESSIONAL_SLUG, QuestionPage

    version = question.add_child(
        instance=QuestionPage(
            title=question.title,
            slug=PROFESSIONAL_SLUG,
            audience="professionals",
            short_answer="Refer urgently for colonoscopy or flexible sigmoidoscopy when the FIT is positive.",
        )
    )
    version.save_revision().publish()
    outcome = search("sigmoidoscopy", log=False)
    assert [(r.document.title, r.document.url) for r in outcome.results] == [
        (
            "What are the symptoms of colorectal cancer? (for health professionals)",
            f"{question.url}for-health-professionals/",
        )
    ]
    # The patient version is still found by the patient's words, once, at its own address.
    patient = search("rectal bleeding", log=False).results
    assert [r.document.url for r in patient] == [question.url]
