"""Navigational search: every page a person can land on is found, by its own words or the ones editors give it."""

import pytest

from cancerinfo.search import registry
from cancerinfo.search.services import search
from cancerinfo.search.tests.conftest import BACKENDS, use_backend


def urls(outcome) -> list[str]:
    return [result.document.url for result in outcome.results]


def first_url(query: str) -> str:
    outcome = search(query, log=False)
    assert outcome.results, f"{query!r} found nothing"
    return outcome.results[0].document.url


@pytest.mark.django_db
def test_service_pages_and_their_forms_are_found(site_tree):
    assert first_url("contact us") == "/contact-us/"
    assert first_url("ask a nurse") == "/contact-us/ask-a-nurse/"
    assert first_url("write to us") == "/contact-us/write-to-us/"
    assert first_url("information prescription") == "/health-professionals/prescription/"
    assert first_url("glossary") == "/glossary/"


@pytest.mark.django_db
def test_a_cancer_type_is_found_by_its_everyday_and_other_names(site_tree):
    from cancerinfo.taxonomy.models import CancerType

    CancerType.objects.create(name="Womb cancer", slug="womb-cancer", other_names="uterine cancer, endometrial cancer")
    assert first_url("womb") == "/cancer-types/about/womb-cancer/"
    assert first_url("uterine cancer") == "/cancer-types/about/womb-cancer/"
    result = search("womb", log=False).results[0]
    assert result.document.kind == "topic" and result.document.parent == "Specific cancers"


@pytest.mark.django_db
def test_editors_search_words_find_a_page_once_published(site_tree):
    support_us = site_tree["support-us"]
    support_us.search_words = "sponsored walk, legacy"
    revision = support_us.save_revision()
    assert "/support-us/" not in urls(search("sponsored walk", log=False)), "a draft changes nothing"

    revision.publish()
    assert first_url("sponsored walk") == "/support-us/"
    assert first_url("legacy") == "/support-us/"


@pytest.mark.django_db
def test_unpublished_and_private_pages_are_not_found(site_tree):
    from wagtail.models import PageViewRestriction

    assert first_url("write to us") == "/contact-us/write-to-us/"
    site_tree["contact-us"].unpublish()
    assert not any(url.startswith("/contact-us/") for url in urls(search("write to us", log=False)))

    glossary = site_tree["glossary"]
    PageViewRestriction.objects.create(page=glossary, restriction_type="login")
    assert "/glossary/" not in urls(search("glossary", log=False))


@pytest.mark.django_db
def test_each_app_registers_its_own_documents(site_tree, monkeypatch):
    # The kinds come from the apps' search.py modules, in the order the search page lists them.
    assert list(registry.kinds())[:4] == ["page", "topic", "question", "booklet"]
    assert {"glossary", "trial", "publication", "organisation"} <= set(registry.kinds())
    assert "booklets.bookletpage" in registry.claimed_page_types()

    # A new source is searched without the search app knowing about it.
    def documents():
        yield registry.Document(key="test:1", kind="page", title="Complementary therapies", url="/therapies/")

    monkeypatch.setitem(registry._sources, "test", registry.Source("test", documents, (), ()))
    assert first_url("complementary therapies") == "/therapies/"


@pytest.mark.django_db
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_query_that_is_exactly_a_pages_name_finds_that_page_before_pages_that_say_it_more(
    site_tree, monkeypatch, settings, backend
):
    # People who type a page's name want that page, even when another page repeats the words more often.
    use_backend(settings, backend)

    def documents():
        yield registry.Document(
            key="test:wordy",
            kind="page",
            title="Wig bank opening times: visiting the wig bank",
            url="/wordy/",
            body="The wig bank lends wigs. Ask the wig bank about a wig bank fitting. " * 3,
        )
        yield registry.Document(key="test:named", kind="page", title="Wig bank", url="/wig-bank/", body="Wigs to lend.")

    monkeypatch.setitem(registry._sources, "test", registry.Source("test", documents, (), ()))
    assert first_url("wig bank") == "/wig-bank/"
    assert first_url("bank wig") == "/wig-bank/"  # in any order
    found = urls(search("wig bank fitting", log=False))
    assert found.index("/wordy/") < found.index("/wig-bank/")  # not the page's name: the words decide


@pytest.mark.django_db
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_cancer_types_name_finds_its_page_before_the_questions_about_it(site_tree, monkeypatch, settings, backend):
    # "prostate cancer" and "What is prostate cancer?" read alike without stop words; a person typing the name wants
    # the cancer type's page, which lists everything about it, even though its kind ranks below answers otherwise.
    use_backend(settings, backend)
    from cancerinfo.taxonomy.models import CancerType

    CancerType.objects.create(name="Skin cancer (melanoma)", slug="melanoma", other_names="melanoma")

    def documents():
        for number, title in enumerate(["What is melanoma?", "Who is at risk for melanoma?", "Treating melanoma"]):
            yield registry.Document(
                key=f"question:{number}",
                kind="question",
                title=title,
                url=f"/questions/{number}/",
                body="Melanoma: what melanoma is, how melanoma spreads, melanoma and the skin. " * 12,
            )

    monkeypatch.setitem(registry._sources, "test", registry.Source("test", documents, (), ()))
    assert first_url("melanoma") == "/cancer-types/about/melanoma/"
    assert first_url("what is melanoma") == "/cancer-types/about/melanoma/"
    found = urls(search("melanoma", log=False))
    assert "/questions/0/" in found[:3]  # the question is next, not lost


@pytest.mark.django_db
@pytest.mark.parametrize("backend", BACKENDS)
def test_a_question_named_by_the_query_is_first_when_no_page_has_that_name(site_tree, monkeypatch, settings, backend):
    use_backend(settings, backend)

    def documents():
        yield registry.Document(
            key="question:named",
            kind="question",
            title="What are the treatments for ovarian germ cell tumours?",
            url="/questions/named/",
            body="Surgery and chemotherapy.",
        )
        yield registry.Document(
            key="question:wordy",
            kind="question",
            title="Living after ovarian germ cell tumour treatment",
            url="/questions/wordy/",
            body="Ovarian germ cell tumour treatments: treatment of ovarian germ cell tumours after treatment. " * 4,
        )

    monkeypatch.setitem(registry._sources, "test", registry.Source("test", documents, (), ()))
    assert first_url("treatments ovarian germ cell tumours") == "/questions/named/"
