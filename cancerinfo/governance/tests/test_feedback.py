"""'Was this page helpful?': on every content page, no CSRF token (pages stay cacheable), nothing personal kept."""

import pytest
from django.core.cache import cache

from cancerinfo.governance.models import FEEDBACK_COMMENT_MAX, Feedback

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"


def post(client, page, **data):
    return client.post("/feedback/", {"page": page.pk, **data}, REMOTE_ADDR=ADDRESS)


def test_every_content_page_has_the_form_without_a_csrf_token(client, booklet, site_tree):
    section = booklet.get_children().first()
    for url in (section.url, booklet.url, site_tree["home"].url, site_tree["cancer-types"].url):
        response = client.get(url)
        html = response.content.decode()
        assert "Was this page helpful?" in html, url
        assert 'action="/feedback/"' in html
        assert "csrfmiddlewaretoken" not in html
        assert "no-store" not in response.get("Cache-Control", ""), url


def test_yes_with_a_comment_is_stored_without_personal_data(client, booklet):
    section = booklet.get_children().first()
    response = post(client, section, helpful="yes", comment="  Clear   and kind.  ")
    assert response.status_code == 200
    assert "Thank you for your feedback" in response.content.decode()
    feedback = Feedback.objects.get()
    assert (feedback.page_id, feedback.helpful, feedback.comment) == (section.pk, True, "Clear and kind.")
    # Only page, answer, comment and date: no IP address, user agent, user or session.
    assert {f.name for f in Feedback._meta.get_fields()} == {"id", "page", "helpful", "comment", "created"}
    stored = " ".join(str(v) for v in Feedback.objects.values().get().values())
    assert ADDRESS not in stored
    assert not any(ADDRESS in str(key) for key in getattr(cache, "_cache", {}))


def test_no_without_a_comment_and_long_comments_trimmed(client, booklet):
    post(client, booklet, helpful="no")
    post(client, booklet, helpful="no", comment="x" * 2000)
    comments = sorted(len(f.comment) for f in Feedback.objects.filter(helpful=False))
    assert comments == [0, FEEDBACK_COMMENT_MAX]


def test_an_answer_is_required(client, booklet):
    response = post(client, booklet, comment="Hello")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and 'href="#feedback-yes"' in html and "Choose yes or no" in html
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("page_value", ["", "abc", "999999999", "-1", "1" * 40])
def test_unknown_pages_are_refused_clearly(client, site_tree, page_value):
    response = client.post("/feedback/", {"page": page_value, "helpful": "yes"})
    assert response.status_code == 400
    assert "We could not find that page" in response.content.decode()
    assert not Feedback.objects.exists()


def test_get_is_not_allowed(client):
    assert client.get("/feedback/").status_code == 405


def test_robots_filling_the_hidden_field_are_thanked_but_not_stored(client, booklet):
    response = post(client, booklet, helpful="yes", website="http://spam.example")
    assert response.status_code == 200
    assert not Feedback.objects.exists()


def test_one_connection_is_rate_limited(client, booklet, settings):
    settings.FEEDBACK_RATE_LIMIT_PER_HOUR = 3
    codes = [post(client, booklet, helpful="yes").status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert Feedback.objects.count() == 3
    other = client.post("/feedback/", {"page": booklet.pk, "helpful": "no"}, REMOTE_ADDR="198.51.100.1")
    assert other.status_code == 200


def test_the_admin_report_counts_answers_per_page_and_shows_comments(admin_client, client, booklet):
    section = booklet.get_children().first()
    post(client, section, helpful="yes")
    post(client, section, helpful="no", comment="Too long")
    post(client, booklet, helpful="no")
    html = admin_client.get("/admin/governance/feedback/").content.decode()
    assert section.title in html and booklet.title in html
    detail = admin_client.get(f"/admin/governance/feedback/?page={section.pk}").content.decode()
    assert "Too long" in detail
    assert ADDRESS not in detail


def test_only_people_allowed_to_see_feedback_can_open_the_report(client, make_user, booklet):
    nurse = make_user("nina", "Nurses")
    client.force_login(nurse)
    assert client.get("/admin/governance/feedback/").status_code in (302, 403)
