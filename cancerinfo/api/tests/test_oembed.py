"""oEmbed 1.0, as a hospital's or GP practice's site uses it: give the address of one of our booklets, booklet sections
or glossary terms, get a "rich" answer whose HTML is an <iframe> of a small card, sized within maxwidth and maxheight,
with the terms of reuse. Anything else is a 404; a missing or malformed parameter a 400 that says what is wrong; a
format we do not write a 501. Booklet, section and glossary pages say where their oEmbed answer is."""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from wagtail.models import PageViewRestriction

from cancerinfo.booklets.tests.factories import add_section, make_booklet

pytestmark = pytest.mark.django_db

OEMBED = "/api/oembed"


def ask(client, url, **params):
    return client.get(OEMBED, {"url": url, **params})


def iframe_src(answer: dict) -> str:
    return re.search(r'<iframe src="([^"]+)"', answer["html"]).group(1)


def test_a_section_is_answered_with_a_rich_oembed_holding_an_iframe_of_its_card(client, content):
    section = content["first_section"]
    response = ask(client, section.get_full_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    answer = response.json()
    # The fields oEmbed 1.0 requires of every answer, and of a "rich" one.
    assert answer["version"] == "1.0" and answer["type"] == "rich"
    assert answer["title"] == "What it is"
    assert answer["width"] == 480 and answer["height"] == 380
    assert answer["provider_name"] == "CancerInfo" and answer["provider_url"] == "http://testserver/"
    assert isinstance(answer["cache_age"], int) and answer["cache_age"] > 0
    assert answer["author_name"] == "CancerInfo (sample charity)"
    assert answer["author_url"] == section.get_full_url()
    # The terms of reuse travel with it.
    assert answer["license"] == "CC BY-NC-SA 4.0"
    assert answer["license_url"] == "https://creativecommons.org/licenses/by-nc-sa/4.0/"
    assert "sample content" in answer["attribution"]
    assert answer["terms_url"] == "http://testserver/api/#terms-of-reuse"
    assert answer["last_reviewed"] == "2026-03-03"  # the booklet's review date
    assert 'rel="license"' in response["Link"]
    # The HTML is one iframe of the card, sandboxed, titled, with the answer's size.
    assert answer["html"].startswith("<iframe ") and answer["html"].endswith("></iframe>")
    assert iframe_src(answer) == f"http://testserver/embed/section/{section.pk}/"
    assert 'width="480" height="380"' in answer["html"]
    assert 'title="What it is (CancerInfo)"' in answer["html"]
    assert 'sandbox="allow-popups allow-popups-to-escape-sandbox"' in answer["html"]
    assert "<script" not in answer["html"]
    card = client.get(urlsplit(iframe_src(answer)).path)
    assert card.status_code == 200 and '<h1 class="card__title">What it is</h1>' in card.content.decode()


def test_a_booklet_is_answered_with_its_card(client, content):
    booklet = content["bone_booklet"]
    answer = ask(client, booklet.get_full_url()).json()
    assert answer["type"] == "rich" and answer["title"] == "Understanding secondary bone cancer"
    assert iframe_src(answer) == f"http://testserver/embed/booklet/{booklet.pk}/"
    assert answer["author_url"] == booklet.get_full_url()
    assert answer["last_reviewed"] == "2026-03-03"


def test_a_glossary_term_is_answered_with_its_card(client, content):
    answer = ask(client, "http://localhost/glossary/metastasis/").json()
    assert answer["type"] == "rich" and answer["title"] == "Metastasis"
    assert iframe_src(answer) == "http://testserver/embed/glossary/metastasis/"
    assert answer["author_url"] == "http://localhost/glossary/metastasis/"
    assert answer["height"] == 340


def test_the_address_may_be_this_host_with_a_query_a_fragment_or_no_trailing_slash(client, content):
    section = content["first_section"]
    for url in (
        f"http://testserver{section.url}",
        f"https://localhost{section.url}?utm_source=x#top",
        f"http://localhost{section.url.rstrip('/')}",
    ):
        response = ask(client, url)
        assert response.status_code == 200, url
        assert iframe_src(response.json()).endswith(f"/embed/section/{section.pk}/")


def test_maxwidth_and_maxheight_are_respected(client, content):
    url = content["first_section"].get_full_url()
    narrow = ask(client, url, maxwidth="320").json()
    assert narrow["width"] == 320
    assert narrow["height"] == 540  # narrower: the text wraps onto more lines
    assert 'width="320" height="540"' in narrow["html"]
    boxed = ask(client, url, maxwidth="300", maxheight="200").json()
    assert (boxed["width"], boxed["height"]) == (300, 200)
    assert 'width="300" height="200"' in boxed["html"]
    roomy = ask(client, url, maxwidth="2000", maxheight="2000").json()
    assert (roomy["width"], roomy["height"]) == (480, 380)  # never larger than the card wants


def test_a_missing_or_malformed_address_is_a_400_that_says_so(client, content):
    cases = {
        "": "Give the address of the page to embed",
        "   ": "Give the address of the page to embed",
        "/cancer-types/": "must be a full web address",
        "ftp://localhost/glossary/metastasis/": "must be a full web address",
        "javascript:alert(1)": "must be a full web address",
        "http://[::1/": "not a valid address",
        "http://localhost:notaport/": "not a valid address",
        "http://localhost/" + "a" * 2100: "too long",
    }
    for url, message in cases.items():
        response = ask(client, url)
        assert response.status_code == 400, url
        assert message in response.json()["error"]["message"], url
    response = client.get(OEMBED)
    assert response.status_code == 400
    assert "Give the address of the page to embed" in response.json()["error"]["message"]


def test_a_size_that_is_not_a_whole_number_of_pixels_is_a_400(client, content):
    url = content["first_section"].get_full_url()
    for name in ("maxwidth", "maxheight"):
        for value in ("0", "-5", "abc", "12.5", "10001"):
            response = ask(client, url, **{name: value})
            assert response.status_code == 400, (name, value)
            assert response.json()["error"]["message"] == (f"{name} must be a whole number of pixels from 1 to 10000.")


def test_xml_and_other_formats_are_a_501(client, content):
    url = content["first_section"].get_full_url()
    for answer_format in ("xml", "XML", "yaml"):
        response = ask(client, url, format=answer_format)
        assert response.status_code == 501, answer_format
        assert response.json()["error"]["message"] == "Only format=json is available."
    assert ask(client, url, format="json").status_code == 200
    assert ask(client, url, format="JSON").status_code == 200


def test_addresses_it_does_not_embed_are_a_404(client, content, site_tree):
    booklet = content["bone_booklet"]
    draft = add_section(booklet, "Still being written", live=False)
    withdrawn = make_booklet(site_tree["cancer-types"], "Withdrawn booklet", sections=1)
    orphan = withdrawn.get_children().first().specific
    withdrawn.unpublish(set_expired=False, commit=True, log_action=None)
    private = make_booklet(site_tree["cancer-types"], "Private booklet", sections=1)
    private_section = private.get_children().first().specific
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    not_embedded = {
        "another site": f"https://example.org{booklet.url}",
        "a look-alike host": f"http://localhost.example.org{booklet.url}",
        "a draft section": f"http://localhost{booklet.url}still-being-written/",
        "a section of an unpublished booklet": f"http://localhost{booklet.url.replace(booklet.slug, withdrawn.slug)}"
        f"{orphan.slug}/",
        "an unpublished booklet": f"http://localhost/cancer-types/{withdrawn.slug}/",
        "a private booklet": f"http://localhost/cancer-types/{private.slug}/",
        "a private booklet's section": f"http://localhost/cancer-types/{private.slug}/{private_section.slug}/",
        "a question": content["question"].get_full_url(),
        "the home page": "http://localhost/",
        "the glossary's A to Z": "http://localhost/glossary/",
        "a term that does not exist": "http://localhost/glossary/no-such-term/",
        "the whole-booklet view": f"{booklet.get_full_url()}whole/",
        "no such page": "http://localhost/no/such/page/",
        "the API itself": "http://localhost/api/v1/booklets/",
    }
    assert draft.pk and not draft.live
    for label, url in not_embedded.items():
        response = ask(client, url)
        assert response.status_code == 404, label
        assert "cannot be embedded" in response.json()["error"]["message"], label
        assert response["Cache-Control"] == "no-store"


def test_a_page_made_private_after_it_was_embedded_is_no_longer_answered(client, content):
    booklet = content["bone_booklet"]
    assert ask(client, booklet.get_full_url()).status_code == 200
    PageViewRestriction.objects.create(page=booklet, restriction_type="password", password="x")
    assert ask(client, booklet.get_full_url()).status_code == 404
    assert ask(client, content["first_section"].get_full_url()).status_code == 404


def test_an_unchanged_answer_is_revalidated_with_a_304(client, content):
    url = content["first_section"].get_full_url()
    first = ask(client, url)
    again = client.get(OEMBED, {"url": url}, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def discovery(response) -> str:
    assert response.status_code == 200
    links = re.findall(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)" title="([^"]+)">',
                       response.content.decode())  # fmt: skip
    assert len(links) == 1, links
    return links[0]


@pytest.mark.parametrize("which", ["booklet", "section", "term"])
def test_booklet_section_and_glossary_pages_link_to_their_oembed_answer(client, content, which):
    page_url, title = {
        "booklet": (content["bone_booklet"].url, "Understanding secondary bone cancer"),
        "section": (content["first_section"].url, "What it is"),
        "term": ("/glossary/metastasis/", "Metastasis"),
    }[which]
    href, link_title = discovery(client.get(page_url))
    assert link_title == title
    address = urlsplit(unescape(href))
    assert address.path == OEMBED and "format=json" in address.query
    answer = client.get(f"{address.path}?{address.query}")
    assert answer.status_code == 200 and answer.json()["title"] == title


def test_other_pages_have_no_oembed_link(client, content):
    for url in ("/", content["question"].url, "/glossary/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "application/json+oembed" not in response.content.decode(), url


def test_the_api_page_tells_how_to_embed_a_card(client, content):
    response = client.get("/api/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<h2 id="embeds">Embed a card on your site</h2>' in page
    assert "http://testserver/api/oembed?url=" in page
    assert "/embed/glossary/<var>slug</var>/" in page
