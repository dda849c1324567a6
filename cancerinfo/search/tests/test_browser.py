"""In a real browser: the search journey passes axe (results, filters, did you mean, nothing found) and works
without JavaScript, at phone and desktop widths."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(site_tree):
    from cancerinfo.booklets.tests.factories import add_section, make_booklet

    booklet = make_booklet(site_tree["cancer-types"], "Understanding womb cancer", sections=0)
    add_section(
        booklet, "Treating endometrial cancer", body="<p>Surgery to remove the uterus is the main treatment.</p>"
    )
    add_section(booklet, "Bisphosphonates", body="<p>Bisphosphonates protect the bones.</p>")
    return booklet


@pytest.mark.parametrize("width", [390, 1280])
def test_search_journey_passes_axe(live_server, browser_page, assert_accessible, site, width):
    browser_page.set_viewport_size({"width": width, "height": 900})
    browser_page.goto(live_server.url + "/search/")
    assert_accessible(browser_page)
    browser_page.fill("#search-query", "womb cancer treatment")
    browser_page.click("form.site-search button[type=submit]")
    assert "Treating endometrial cancer" in browser_page.inner_text("ol.search-results")
    browser_page.click("#main-content summary")  # open the filters
    assert_accessible(browser_page)
    browser_page.goto(live_server.url + "/search/?q=bisphosphanates")
    assert "Did you mean" in browser_page.content()
    assert_accessible(browser_page)
    browser_page.goto(live_server.url + "/search/?q=zzzqqq")
    assert "We found nothing" in browser_page.content()
    assert_accessible(browser_page)


def test_filters_work_without_javascript(live_server, browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/search/?q=cancer")
        page.click("#main-content summary")  # the filters (the header's Menu is a disclosure too)
        page.check("#type-section")
        page.click(".site-search__apply")
        page.wait_for_url(re.compile(r"[?&]type=section"))  # waits for the new page's load event, not just its address
        labels = page.locator(".search-result__label").all_inner_texts()
        assert labels and set(labels) == {"Booklet sections"}
    finally:
        context.close()
