""" "What's changed" feeds: Atom and JSON Feed 1.1, site-wide and per booklet, of public pages only."""

import datetime

import pytest
from defusedxml import ElementTree
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cancerinfo.booklets.tests.factories import add_section, make_booklet, publish
from cancerinfo.questions.models import QuestionPage

from .feed_formats import ATOM, atom_errors, json_feed_errors

pytestmark = pytest.mark.django_db

SECRET = "zzsecret"


def atom_entries(response) -> list[dict]:
    root = ElementTree.fromstring(response.content)
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "id": entry.findtext(f"{ATOM}id"),
            "link": entry.find(f"{ATOM}link[@rel='alternate']").get("href"),
            "api": entry.find(f"{ATOM}link[@rel='related']").get("href"),
            "summary": entry.findtext(f"{ATOM}summary"),
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_the_site_atom_feed_is_valid_atom_and_lists_publishes_newest_first(client, content):
    response = client.get("/api/v1/changes.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert atom_errors(response.content) == []
    entries = atom_entries(response)
    titles = [entry["title"] for entry in entries]
    # The last thing published in the fixture comes first.
    assert titles[0] == "What is bowel cancer?"
    assert {"Understanding secondary bone cancer", "What it is", "Does radiotherapy hurt?"} <= set(titles)
    question = next(entry for entry in entries if entry["title"] == "Does radiotherapy hurt?")
    assert question["link"] == content["question"].get_full_url()
    assert question["api"] == f"http://testserver/api/v1/questions/{content['question'].pk}/"
    assert question["id"].startswith(f"tag:testserver,2026:page/{content['question'].pk}/change/")
    root = ElementTree.fromstring(response.content)
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/api/v1/changes.atom"
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "CancerInfo"


def test_the_site_json_feed_follows_json_feed_1_1(client, content):
    response = client.get("/api/v1/changes.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/feed+json")
    data = response.json()
    assert json_feed_errors(data) == []
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == "http://testserver/api/v1/changes.json"
    section = next(item for item in data["items"] if item["title"] == "What it is")
    assert section["_cancerinfo"] == {
        "page_id": content["first_section"].pk,
        "type": "section",
        "api_url": f"http://testserver/api/v1/sections/{content['first_section'].pk}/",
    }
    assert (
        section["content_text"]
        == "Published for the first time: a section of the booklet “Understanding secondary bone cancer”."
    )
    # The same change has the same id in both feeds.
    atom_ids = {entry["id"] for entry in atom_entries(client.get("/api/v1/changes.atom"))}
    assert {item["id"] for item in data["items"]} == atom_ids


def test_the_validators_catch_broken_feeds():
    """The checks above can fail: a feed without ids or with a bad date is refused."""
    broken = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><updated>6 Dec 2026</updated>'
        b"<entry><title>y</title></entry></feed>"
    )
    errors = atom_errors(broken)
    assert "the feed has 0 atom:id elements, must have exactly one" in errors
    assert "the feed's atom:updated is not an RFC 3339 date-time: '6 Dec 2026'" in errors
    assert "entry 1 has neither atom:content nor an alternate link" in errors
    assert json_feed_errors({"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"id": "1"}]})
    assert json_feed_errors({"title": "x", "items": []})


def test_an_update_is_listed_again_with_the_editors_note_of_the_day(client, content):
    booklet = content["bone_booklet"]
    before = [item["title"] for item in client.get("/api/v1/changes.json").json()["items"]]
    booklet.change_log.create(date=timezone.localdate(), summary="Sample content: new advice on pain relief.")
    booklet.summary = "Updated summary."
    publish(booklet)
    data = client.get("/api/v1/changes.json").json()
    first = data["items"][0]
    assert first["title"] == "Understanding secondary bone cancer"
    assert first["content_text"] == "Sample content: new advice on pain relief."
    titles = [item["title"] for item in data["items"]]
    assert titles.count(first["title"]) == before.count(first["title"]) + 1


def test_drafts_private_pages_and_withdrawn_pages_are_never_in_the_feeds(client, site_tree, content):
    live = content["first_section"]
    live.title = f"{SECRET} draft title"
    live.save_revision()  # a draft: not published
    add_section(content["bone_booklet"], f"{SECRET} unpublished section", live=False)
    private = make_booklet(site_tree["cancer-types"], f"{SECRET} private booklet", sections=1)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    withdrawn = make_booklet(site_tree["cancer-types"], f"{SECRET} withdrawn booklet", sections=0)
    add_section(withdrawn, f"{SECRET} section of a withdrawn booklet")
    withdrawn.unpublish()  # its section stays live, but the booklet is not published: neither is listed
    question = site_tree["questions"].add_child(instance=QuestionPage(title=f"{SECRET} question?", short_answer="x"))
    publish(question)
    question.unpublish()
    for address in ("/api/v1/changes.atom", "/api/v1/changes.json"):
        response = client.get(address)
        assert response.status_code == 200
        assert SECRET not in response.content.decode()
        assert "What it is" in response.content.decode(), "the live section is listed under its published title"
    assert client.get(f"/api/v1/booklets/{private.pk}/changes.atom").status_code == 404
    assert client.get(f"/api/v1/booklets/{withdrawn.pk}/changes.json").status_code == 404


def test_a_booklets_feed_lists_only_the_booklet_and_its_sections(client, content):
    booklet = content["bone_booklet"]
    response = client.get(f"/api/v1/booklets/{booklet.pk}/changes.atom")
    assert response.status_code == 200
    assert atom_errors(response.content) == []
    titles = {entry["title"] for entry in atom_entries(response)}
    # Not the other booklet's sections, nor the questions.
    assert titles == {"Understanding secondary bone cancer", "What it is", "Living with it"}
    data = client.get(f"/api/v1/booklets/{booklet.pk}/changes.json").json()
    assert json_feed_errors(data) == []
    assert data["title"] == "What's changed: Understanding secondary bone cancer"
    assert {item["title"] for item in data["items"]} == titles
    missing = client.get("/api/v1/booklets/999999/changes.json")
    assert missing.status_code == 404 and missing.json()["error"]["status"] == 404
    assert client.get("/api/v1/booklets/99999999999999/changes.atom").status_code == 404


def test_a_feed_is_bounded_to_the_newest_50_changes(client, content):
    question = content["question"]
    for _ in range(52):
        publish(question)
    items = client.get("/api/v1/changes.json").json()["items"]
    assert len(items) == 50
    dates = [datetime.datetime.fromisoformat(item["date_published"]) for item in items]
    assert dates == sorted(dates, reverse=True)


def test_an_unchanged_feed_is_revalidated_with_a_304_and_no_query(client, content, django_assert_num_queries):
    first = client.get("/api/v1/changes.atom")
    etag = first["ETag"]
    assert first["Last-Modified"]
    with django_assert_num_queries(0):
        again = client.get("/api/v1/changes.atom", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    publish(content["question"])
    changed = client.get("/api/v1/changes.atom", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_pages_announce_the_feeds_for_feed_readers(client, content):
    home = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" title="Recent changes (Atom)"' in home
    assert 'href="/api/v1/changes.atom"' in home and 'href="/api/v1/changes.json"' in home
    booklet = content["bone_booklet"]
    for page in (booklet, content["first_section"]):
        html = client.get(page.url).content.decode()
        assert f'href="/api/v1/booklets/{booklet.pk}/changes.atom"' in html
        assert f'href="/api/v1/booklets/{booklet.pk}/changes.json"' in html
