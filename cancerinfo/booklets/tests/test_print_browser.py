"""A printed booklet (the one-page view, printed from Debian's chromium) writes out the addresses of the websites its
references point to, and nothing for glossary words or jumps within the page: "bones (/glossary/bone/)" cluttered
every paragraph."""

import pytest

from cancerinfo.glossary.models import Term
from cancerinfo.glossary.services import reset_matcher

from .factories import make_booklet, publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NHS = "https://www.nhs.uk/conditions/radiotherapy/"

# What each kind of link prints after itself: the ::after content chromium computes with print media.
AFTER_CONTENT = "selector => getComputedStyle(document.querySelector(selector), '::after').content"


@pytest.fixture
def printed_booklet(site_tree):
    Term.objects.create(term="radiotherapy", definition="Treatment with high-energy rays.")
    reset_matcher()
    booklet = make_booklet(site_tree["cancer-types"], "Understanding printing", sections=2)
    booklet.references = [("reference", {"title": "Radiotherapy", "source": "NHS website", "year": 2023, "url": NHS})]
    publish(booklet)
    first, second = (child.specific for child in booklet.get_children().order_by("path"))
    first.body = [
        (
            "paragraph",
            f'<p>You may have radiotherapy. Read <a linktype="page" id="{second.pk}">the next section</a>.</p>',
        )
    ]
    publish(first)
    return booklet


def test_print_writes_out_reference_addresses_but_not_glossary_or_in_page_links(
    live_server, browser_page, printed_booklet
):
    browser_page.goto(live_server.url + printed_booklet.whole_booklet_url)
    browser_page.emulate_media(media="print")
    after = lambda selector: browser_page.evaluate(AFTER_CONTENT, selector)  # noqa: E731

    assert after(f'.references a[href="{NHS}"]') == f'" ({NHS})"'
    assert after("main a.glossary-term__link") in ("none", "normal")
    assert after('main a[href="#section-section-2"]') in ("none", "normal")

    browser_page.emulate_media(media="screen")
    assert after(f'.references a[href="{NHS}"]') in ("none", "normal")  # on screen, no address is written out
