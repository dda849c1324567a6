"""The content API, as a syndicator uses it: lists a page at a time, filtered by subject, only the fields asked for,
bodies as clean HTML and as blocks, the terms of reuse on every answer, and 304s for copies still current."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cancerinfo.booklets.tests.factories import add_section, make_booklet, publish
from cancerinfo.taxonomy.models import Topic

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item.get("title") or item.get("name") or item.get("term") for item in response.json()["items"]]


# --- Paging -----------------------------------------------------------------------------------------------------------


def test_lists_come_a_page_at_a_time_with_links_to_the_next_and_previous(client, content):
    first = client.get("/api/v1/sections/", {"page_size": 2}).json()
    assert first["meta"] == {
        "count": 4, "page": 1, "page_size": 2, "pages": 2, "previous": None,
        "next": "http://testserver/api/v1/sections/?page_size=2&page=2",
    }  # fmt: skip
    second = client.get(first["meta"]["next"]).json()
    assert second["meta"]["page"] == 2 and second["meta"]["next"] is None
    assert second["meta"]["previous"] == "http://testserver/api/v1/sections/?page_size=2&page=1"
    seen = [item["id"] for item in first["items"] + second["items"]]
    assert len(seen) == len(set(seen)) == 4


def test_page_size_is_capped_and_a_page_past_the_end_is_empty(client, content):
    assert client.get("/api/v1/sections/", {"page_size": 101}).status_code == 400
    beyond = client.get("/api/v1/sections/", {"page": 9}).json()
    assert beyond["items"] == [] and beyond["meta"]["count"] == 4


# --- Filters ----------------------------------------------------------------------------------------------------------


def test_booklets_filter_by_cancer_type_treatment_and_topic(client, content):
    assert titles(client.get("/api/v1/booklets/", {"cancer_type": "bowel-cancer"})) == ["Understanding bowel cancer"]
    assert titles(client.get("/api/v1/booklets/", {"treatment": "radiotherapy"})) == [
        "Understanding secondary bone cancer"
    ]
    assert titles(client.get("/api/v1/booklets/", {"topic": "treatment"})) == ["Understanding secondary bone cancer"]
    assert titles(client.get("/api/v1/booklets/", {"cancer_type": "no-such-cancer"})) == []


def test_sections_filter_by_their_booklets_subject_their_own_topic_and_booklet(client, content):
    assert titles(client.get("/api/v1/sections/", {"cancer_type": "secondary-bone-cancer"})) == [
        "What it is", "Living with it",
    ]  # fmt: skip
    assert titles(client.get("/api/v1/sections/", {"topic": "treatment"})) == ["What it is"]
    assert titles(client.get("/api/v1/sections/", {"booklet": content["bowel_booklet"].pk})) == [
        "Section 1", "Section 2",
    ]  # fmt: skip


def test_questions_trials_and_organisations_filter_by_subject(client, content):
    assert titles(client.get("/api/v1/questions/", {"cancer_type": "bowel-cancer"})) == ["What is bowel cancer?"]
    assert titles(client.get("/api/v1/questions/", {"treatment": "radiotherapy"})) == ["Does radiotherapy hurt?"]
    assert titles(client.get("/api/v1/questions/", {"topic": "treatment"})) == ["Does radiotherapy hurt?"]
    assert titles(client.get("/api/v1/trials/", {"cancer_type": "bowel-cancer"})) == []
    assert titles(client.get("/api/v1/trials/", {"cancer_type": "secondary-bone-cancer"})) == ["A bone trial"]
    assert "Bone Friends" not in titles(client.get("/api/v1/organisations/", {"cancer_type": "bowel-cancer"}))
    assert "Bone Friends" in titles(client.get("/api/v1/organisations/", {"cancer_type": "secondary-bone-cancer"}))


# --- Field selection --------------------------------------------------------------------------------------------------


def test_fields_returns_only_the_fields_asked_for(client, content):
    items = client.get("/api/v1/booklets/", {"fields": "title,last_reviewed"}).json()["items"]
    assert items == [
        {"title": "Understanding bowel cancer", "last_reviewed": "2026-03-03"},
        {"title": "Understanding secondary bone cancer", "last_reviewed": "2026-03-03"},
    ]
    one = client.get(f"/api/v1/sections/{content['first_section'].pk}/", {"fields": "body_html"}).json()
    assert list(one["item"]) == ["body_html"]


def test_an_unknown_field_is_refused_naming_the_fields(client, content):
    response = client.get("/api/v1/booklets/", {"fields": "title,password"})
    assert response.status_code == 400
    [detail] = response.json()["error"]["details"]
    assert detail["where"] == ["query", "fields"]
    assert "last_reviewed" in detail["message"]  # the pattern names every field


# --- What an item carries ---------------------------------------------------------------------------------------------


def test_a_section_has_its_body_as_clean_html_and_as_blocks_with_its_booklets_review_and_references(client, content):
    item = client.get(f"/api/v1/sections/{content['first_section'].pk}/").json()["item"]
    assert item["booklet"]["title"] == "Understanding secondary bone cancer"
    assert item["last_reviewed"] == "2026-03-03" and item["next_review_due"] == "2029-03-03"
    assert item["topics"] == [{"slug": "treatment", "name": "Treatment"}]
    assert item["cancer_types"] == [{"slug": "secondary-bone-cancer", "name": "Secondary bone cancer"}]
    assert item["references"] == [{"title": "Bone metastases", "source": "A journal", "year": 2024, "url": ""}]
    assert item["audience"] == "patients"
    assert item["licence"]["name"] and item["attribution"]
    html = item["body_html"]
    assert "<b>cells</b>" in html and 'href="https://example.org/x"' in html
    # Links inside the site are absolute, and nothing of ours (classes, glossary markup) is left in.
    assert f'href="http://localhost{content["bone_booklet"].url}"' in html or 'href="http://' in html
    assert "class=" not in html and "linktype" not in html
    assert [block["type"] for block in item["body_blocks"]] == ["paragraph"]
    assert item["body_blocks"][0]["text"].startswith("Bone cells link")


def test_a_booklet_lists_its_sections_in_order(client, content):
    item = client.get(f"/api/v1/booklets/{content['bone_booklet'].pk}/").json()["item"]
    assert [section["title"] for section in item["sections"]] == ["What it is", "Living with it"]
    assert item["reviewers"] == []  # no workflow has approved it
    assert item["summary"] == "About cancer that has spread to the bones."


def test_every_answer_carries_the_terms_of_reuse(client, content, settings):
    settings.API_LICENCE_NAME = "Test licence"
    for url in ("/api/v1/booklets/", "/api/v1/glossary/metastasis/", "/api/v1/booklets/999999/"):
        response = client.get(url)
        assert response.json()["terms"]["licence"]["name"] == "Test licence", url
        assert 'rel="license"' in response["Link"], url


# --- ETag, Last-Modified and 304 --------------------------------------------------------------------------------------


def test_an_unchanged_answer_is_revalidated_with_a_304_and_no_query(client, content, django_assert_num_queries):
    first = client.get("/api/v1/sections/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified
    with django_assert_num_queries(0):
        again = client.get("/api/v1/sections/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    assert client.get("/api/v1/sections/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get("/api/v1/sections/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_publishing_changes_the_etag_and_the_answer(client, content):
    first = client.get("/api/v1/sections/")
    add_section(content["bowel_booklet"], "A new section")
    changed = client.get("/api/v1/sections/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert "A new section" in titles(changed)
    assert changed["ETag"] != first["ETag"]


def test_last_modified_moves_forward_when_content_changes(client, content, monkeypatch):
    import time

    from django.utils.http import parse_http_date

    first = client.get("/api/v1/glossary/")
    later = time.time() + 120
    monkeypatch.setattr(time, "time", lambda: later)
    content["term"].definition = "Changed."
    content["term"].save()
    second = client.get("/api/v1/glossary/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert second.status_code == 200
    assert parse_http_date(second["Last-Modified"]) > parse_http_date(first["Last-Modified"])


# --- Speed ------------------------------------------------------------------------------------------------------------


def test_a_list_of_20_sections_takes_as_many_queries_as_a_list_of_2(client, site_tree):
    topics = list(Topic.objects.all()[:2])
    for n in range(2):
        booklet = make_booklet(site_tree["cancer-types"], f"Booklet {n}", sections=10)
        for section in booklet.get_children().specific():
            section.topics.set(topics)
            publish(section)
    client.get("/api/v1/sections/", {"page_size": 2})  # reads what a running server keeps (site, taxonomy)
    counts = {}
    for size in (2, 20):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/api/v1/sections/", {"page_size": size, "fresh": size})
        assert len(response.json()["items"]) == size
        assert all(item["topics"] for item in response.json()["items"])
        counts[size] = len(captured.captured_queries)
    assert counts[20] == counts[2] <= 8, counts


def test_a_list_compiles_its_sql_once_per_address_yet_always_reads_the_rows_afresh(client, content, monkeypatch):
    from wagtail.models import PageViewRestriction

    from cancerinfo.api import resources

    address = {"page_size": 20, "compiled": "once"}
    first = titles(client.get("/api/v1/sections/", address))
    assert first == ["What it is", "Living with it", "Section 1", "Section 2"]

    def built_again(*filters):
        raise AssertionError("the list's query was built and compiled again for the same address")

    with monkeypatch.context() as patched:
        patched.setattr(resources, "sections", built_again)
        assert titles(client.get("/api/v1/sections/", address)) == first
        add_section(content["bowel_booklet"], "A new section")  # the rows are read again, not kept
        assert titles(client.get("/api/v1/sections/", address)) == [*first, "A new section"]
    # A private area changes what every list may show: the compiled SQL is dropped with it.
    PageViewRestriction.objects.create(page=content["bowel_booklet"], restriction_type="password", password="x")
    assert titles(client.get("/api/v1/sections/", address)) == ["What it is", "Living with it"]


def test_a_list_of_sections_reads_plain_values_with_the_pages_own_dates_not_page_instances(
    client, content, monkeypatch, settings
):
    from django.core.serializers.json import DjangoJSONEncoder

    from cancerinfo.booklets.interface import BookletSectionPage

    settings.API_CACHE_SECONDS = 0  # every answer built
    address = {"page_size": 20, "plain": "values"}
    client.get("/api/v1/sections/", address)  # compiled; from here on, only rerun

    def made_a_page(*args, **kwargs):
        raise AssertionError("a listed section was made into a Wagtail page instance")

    with monkeypatch.context() as patched:
        patched.setattr(BookletSectionPage, "__init__", made_a_page)
        items = client.get("/api/v1/sections/", address).json()["items"]
    section = content["bowel_booklet"].get_children().live().first()
    listed = next(item for item in items if item["id"] == section.pk)
    assert listed["title"] == section.title and listed["url"].endswith(section.url_path.split("/", 2)[2])
    assert listed["first_published_at"] == DjangoJSONEncoder().default(section.first_published_at)


def test_an_answer_reads_no_header_or_footer(client, content, monkeypatch):
    from cancerinfo.delivery import context_processors

    def read_site_chrome(request):
        raise AssertionError("the site's header and footer were read for a JSON answer")

    monkeypatch.setattr(context_processors, "cached_site_and_settings", read_site_chrome)
    assert client.get("/api/v1/sections/").status_code == 200
    with pytest.raises(AssertionError):  # pages still read them
        client.get("/")


def test_revalidation_reads_the_first_answered_time_from_the_cache_once_per_process(client, content, monkeypatch):
    from cancerinfo.api import conditional

    first = client.get("/api/v1/sections/")

    class NoCache:
        def add(self, *args, **kwargs):
            raise AssertionError("asked the cache again")

        get = add

    monkeypatch.setattr(conditional, "cache", NoCache())
    again = client.get("/api/v1/sections/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["Last-Modified"] == first["Last-Modified"]


# --- The docs page ------------------------------------------------------------------------------------------------


def test_the_docs_page_lists_every_endpoint_and_the_terms_of_reuse(client, site_tree):
    response = client.get("/api/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="terms-of-reuse"' in html and "CC BY-NC-SA 4.0" in html
    for path in client.get("/api/v1/openapi.json").json()["paths"]:
        assert f"<code>{path}</code>" in html, path
