"""The cards other sites frame: a booklet, a section or a glossary term in a small page of its own, with its review
date, our name, a link to read more here (in a new tab) and the licence. Any site may frame a card; no other page
may be framed. A card sets no cookie, even for a reader who has one of ours, runs no script and loads nothing from
anyone else. Drafts and private pages have no card."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from cancerinfo.booklets.tests.factories import add_section, make_booklet
from cancerinfo.glossary.models import NCI_ATTRIBUTION, Term

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    parts = [part.strip().split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def card_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/html; charset=utf-8"
    return BeautifulSoup(response.content, "html.parser")


def read_more_link(soup):
    (link,) = [a for a in soup.find_all("a") if a.get_text().startswith("Read more on CancerInfo")]
    return link


def text(soup) -> str:
    return " ".join(soup.get_text(" ").split())


def test_a_section_card_shows_its_title_summary_review_date_our_name_and_the_licence(client, content):
    section = content["first_section"]
    soup = card_of(client.get(f"/embed/section/{section.pk}/"))
    assert soup.html["lang"] == "en-GB"
    assert soup.title.string == "What it is | CancerInfo"
    assert soup.h1.get_text() == "What it is"
    shown = text(soup)
    assert "Booklet section · CancerInfo (sample charity)" in shown
    assert "From the booklet “Understanding secondary bone cancer”" in shown
    assert "Bone cells link." in shown  # the first paragraph, as plain text
    assert "Last reviewed 3 March 2026" in shown
    assert soup.find("time")["datetime"] == "2026-03-03"
    assert "Information from CancerInfo (sample content, not medical advice)." in shown
    read_more = read_more_link(soup)
    assert read_more["href"] == section.get_full_url()
    assert read_more["target"] == "_blank" and "noopener" in read_more["rel"]
    assert "(opens in a new tab)" in read_more.get_text()
    licence = soup.find("a", string="CC BY-NC-SA 4.0")
    assert licence["href"] == "https://creativecommons.org/licenses/by-nc-sa/4.0/" and "license" in licence["rel"]
    assert soup.find("a", string="Terms of reuse")["href"] == "http://testserver/api/#terms-of-reuse"
    for link in soup.find_all("a"):
        assert link["target"] == "_blank" and "noopener" in link["rel"], link


def test_a_card_shows_what_readers_see_not_a_newer_draft(client, content):
    section = content["first_section"]
    section.title = "A draft title"
    section.save_revision()
    shown = text(card_of(client.get(f"/embed/section/{section.pk}/")))
    assert "What it is" in shown and "A draft title" not in shown


def test_a_booklet_card_shows_its_summary(client, content):
    booklet = content["bone_booklet"]
    soup = card_of(client.get(f"/embed/booklet/{booklet.pk}/"))
    assert soup.h1.get_text() == "Understanding secondary bone cancer"
    shown = text(soup)
    assert "Booklet · CancerInfo (sample charity)" in shown
    assert "About cancer that has spread to the bones." in shown
    assert "Last reviewed 3 March 2026" in shown
    assert read_more_link(soup)["href"] == booklet.get_full_url()


def test_a_glossary_card_shows_the_definition_and_credits_its_source(client, content):
    soup = card_of(client.get("/embed/glossary/metastasis/"))
    assert soup.h1.get_text() == "Metastasis"
    shown = text(soup)
    assert "Glossary · CancerInfo (sample charity)" in shown and "Cancer that has spread." in shown
    assert "Last updated" in shown
    assert read_more_link(soup)["href"] == "http://localhost/glossary/metastasis/"
    Term.objects.create(
        term="Osteoclast", definition="A bone cell (sample).", pronunciation="os-tee-oh-klast", source_id="CDR1",
        attribution=NCI_ATTRIBUTION,
    )  # fmt: skip
    shown = text(card_of(client.get("/embed/glossary/osteoclast/")))
    assert "Say it: os-tee-oh-klast" in shown
    assert f"{NCI_ATTRIBUTION}. The source's terms" in shown
    assert "CC BY-NC-SA" not in shown  # their definition, on their terms


# --- Framing -----------------------------------------------------------------------------------------------------


def test_any_site_may_frame_a_card_and_no_other_page(client, content, settings):
    settings.PAGE_CACHE_SECONDS = 300
    path = f"/embed/section/{content['first_section'].pk}/"
    fresh, cached = client.get(path), client.get(path)
    assert cached["X-Page-Cache"] == "hit"  # the page cache keeps cards too: the headers are decided by path
    for card in (fresh, cached):
        assert card.status_code == 200
        assert directives(card)["frame-ancestors"] == ["*"]
        assert "X-Frame-Options" not in card
        assert card["Referrer-Policy"] == "no-referrer"
    for other in (content["first_section"].url, "/", "/api/", "/api/oembed", "/glossary/metastasis/"):
        response = client.get(other)
        assert directives(response)["frame-ancestors"] == ["'none'"], other
        assert response["X-Frame-Options"] == "DENY", other
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", other


def test_a_card_runs_no_script_and_loads_nothing_from_another_site(client, content):
    response = client.get(f"/embed/section/{content['first_section'].pk}/")
    soup = card_of(response)
    assert soup.find_all("script") == [] and soup.find_all(["iframe", "img", "form", "object", "embed"]) == []
    assert not any(name.startswith("on") for tag in soup.find_all(True) for name in tag.attrs)
    loaded = [tag.get("href") or tag.get("src") for tag in soup.find_all(["link", "script", "img", "iframe"])]
    assert loaded == ["/static/api/embed.css"]  # one stylesheet, from this site
    policy = directives(response)
    assert policy["default-src"] == ["'none'"] and "script-src" not in policy
    assert policy["style-src"] == ["'self'"] and policy["form-action"] == ["'none'"]


def test_a_card_sets_no_cookie_even_for_a_reader_who_has_ours(client, admin_client, content):
    path = f"/embed/section/{content['first_section'].pk}/"
    assert not client.get(path).cookies
    # A session that is no longer valid: Django's session middleware would delete it with a Set-Cookie.
    client.cookies["sessionid"] = "bad"
    client.cookies["messages"] = "old"
    client.cookies["csrftoken"] = "x" * 32
    response = client.get(path)
    assert response.status_code == 200 and not response.cookies
    assert "Set-Cookie" not in response
    # A signed-in member of staff: still the same public card, nothing personal, nothing set.
    signed_in = admin_client.get(path)
    assert signed_in.status_code == 200 and not signed_in.cookies
    assert signed_in["Cache-Control"] == "public, max-age=60, s-maxage=300"
    assert "Cookie" not in signed_in.get("Vary", "")
    missing = client.get("/embed/section/999999/")
    assert missing.status_code == 404 and not missing.cookies


def test_a_card_is_cacheable_and_cheap(client, content, django_assert_max_num_queries):
    path = f"/embed/section/{content['first_section'].pk}/"
    client.get(path)
    with django_assert_max_num_queries(6):
        response = client.get(path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=300"
    assert response["X-Robots-Tag"] == "noindex"


# --- What has no card --------------------------------------------------------------------------------------------


def test_drafts_private_pages_and_unpublished_booklets_have_no_card(client, content, site_tree):
    draft = add_section(content["bone_booklet"], "Still being written", live=False)
    withdrawn = make_booklet(site_tree["cancer-types"], "Withdrawn booklet", sections=1)
    orphan = withdrawn.get_children().first()
    withdrawn.unpublish(set_expired=False, commit=True, log_action=None)
    private = make_booklet(site_tree["cancer-types"], "Private booklet", sections=1)
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    paths = [
        f"/embed/section/{draft.pk}/",
        f"/embed/section/{orphan.pk}/",
        f"/embed/booklet/{withdrawn.pk}/",
        f"/embed/booklet/{private.pk}/",
        f"/embed/section/{private.get_children().first().pk}/",
        f"/embed/booklet/{content['first_section'].pk}/",  # a section is not a booklet
        f"/embed/section/{content['question'].pk}/",  # nor is a question a section
        "/embed/glossary/no-such-term/",
        "/embed/booklet/99999999999/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 404, path
        shown = text(BeautifulSoup(response.content, "html.parser"))
        assert "This information is not available" in shown, path
        for title in ("Still being written", "Withdrawn booklet", "Private booklet", "What it is"):
            assert title not in shown, path
        assert directives(response)["frame-ancestors"] == ["*"]  # the framing site shows the notice, not an error


def test_a_card_goes_when_its_booklet_is_unpublished_even_from_the_page_cache(client, content, settings):
    settings.PAGE_CACHE_SECONDS = 300
    path = f"/embed/section/{content['first_section'].pk}/"
    assert client.get(path).status_code == 200
    assert client.get(path)["X-Page-Cache"] == "hit"
    content["bone_booklet"].unpublish(set_expired=False, commit=True, log_action=None)
    assert client.get(path).status_code == 404


def test_the_glossary_terms_have_no_card_while_the_glossary_is_private(client, content, site_tree):
    glossary = site_tree["glossary"]
    PageViewRestriction.objects.create(page=glossary, restriction_type="password", password="x")
    assert client.get("/embed/glossary/metastasis/").status_code == 404


def test_only_reading_is_allowed(client, content):
    path = f"/embed/section/{content['first_section'].pk}/"
    assert client.post(path).status_code in (403, 405)  # the CSRF check or the view: nothing is written
    assert client.head(path).status_code == 200
    assert urlsplit(path).path == path
