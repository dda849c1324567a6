"""Every page the site serves passes axe-core with no serious or critical violations, and works without JavaScript."""

import pytest
from wagtail.models import Page

from cancerinfo.booklets import demo as booklet_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(site_tree):
    booklet_demo.load(site_tree, stdout=type("Quiet", (), {"write": lambda self, text: None})())
    return site_tree


def page_urls() -> list[str]:
    urls = {page.url for page in Page.objects.live().public().filter(depth__gt=1).specific()}
    # One of each kind of page is enough where there are many of the same kind.
    return sorted(urls)


def test_every_page_passes_axe(live_server, browser_page, assert_accessible, demo_site):
    booklet = demo_site["cancer-types"].get_children().live().first().specific
    urls = page_urls() + [
        booklet.whole_booklet_url,
        "/cancer-types/about/secondary-bone-cancer/",
        "/search/",
        "/search/?q=bone",
        "/search/?q=zzzznothing",
        "/no-such-page/",
    ]
    assert len(urls) > 15
    for url in urls:
        browser_page.goto(live_server.url + url)
        assert browser_page.locator("h1").count() == 1, url
        assert_accessible(browser_page)


def test_booklet_works_without_javascript(live_server, browser, demo_site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    booklet = demo_site["cancer-types"].get_children().live().first().specific
    first_section = booklet.get_children().live().first()
    page.goto(live_server.url + first_section.url)
    folded = page.locator(".contents__folded")
    assert folded.is_visible()  # on a phone the contents sit folded above the section
    assert not folded.locator(".contents__list a").first.is_visible()
    folded.locator("summary").click()  # a native disclosure: opens without JavaScript
    assert folded.locator(".contents__list a").first.is_visible()
    page.locator("a[rel=next]").click()
    assert page.url.endswith(first_section.get_next_siblings().live().first().url)
    assert page.locator("a[href^='tel:']").first.is_visible()  # the helpline is one tap away on a phone
    context.close()


def test_skip_link_moves_focus_to_the_content(live_server, browser_page, demo_site):
    browser_page.goto(live_server.url + "/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main-content"
