"""A booklet reads like a book: contents on every section, previous and next, review dates, one-page view."""

import re

import pytest

from .factories import add_section, make_booklet, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def booklet(site_tree):
    return make_booklet(
        site_tree["cancer-types"],
        "Understanding secondary cancer in the bone",
        sections=4,
        slug="secondary-bone-cancer",
    )


def sections_of(booklet):
    return [child.specific for child in booklet.get_children().order_by("path")]


def test_sections_have_stable_urls_under_their_booklet(booklet):
    first = sections_of(booklet)[0]
    assert first.url == "/cancer-types/secondary-bone-cancer/section-1/"


def test_first_section_has_next_but_no_previous(client, booklet):
    first, second = sections_of(booklet)[:2]
    html = client.get(first.url).content.decode()
    assert f'href="{second.url}" rel="next"' in html
    assert "Next:</span> Section 2" in html
    assert 'rel="prev"' not in html


def test_middle_section_links_both_ways(client, booklet):
    first, second, third = sections_of(booklet)[:3]
    html = client.get(second.url).content.decode()
    assert f'href="{first.url}" rel="prev"' in html
    assert "Previous:</span> Section 1" in html
    assert f'href="{third.url}" rel="next"' in html


def test_last_section_has_previous_but_no_next(client, booklet):
    *_, before_last, last = sections_of(booklet)
    html = client.get(last.url).content.decode()
    assert f'href="{before_last.url}" rel="prev"' in html
    assert 'rel="next"' not in html


def test_order_follows_the_page_tree_and_skips_unpublished_sections(client, booklet):
    draft = add_section(booklet, "Draft section", live=False)
    first, fourth = sections_of(booklet)[0], sections_of(booklet)[3]
    fourth.move(first, pos="left")  # an editor drags the last section to the top
    html = client.get(first.url).content.decode()
    contents = re.search(r'<ol class="contents__list">(.*?)</ol>', html, re.S).group(1)
    titles = re.findall(r">(Section \d|Draft section)</a>", contents)
    assert titles == ["Section 4", "Section 1", "Section 2", "Section 3"]
    assert draft.title not in contents


def test_contents_list_marks_the_current_section_only(client, booklet):
    second = sections_of(booklet)[1]
    html = client.get(second.url).content.decode()
    current = re.findall(r'<a href="([^"]+)" aria-current="page"', html)
    assert current == [second.url, second.url]  # the folded (phone) and open (desktop) contents
    assert "(section 2 of 4)" in html


def test_review_dates_render_on_every_section(client, booklet):
    for section in sections_of(booklet):
        html = client.get(section.url).content.decode()
        assert "Last reviewed:" in html and "3 March 2026" in html
        assert "Next review due:" in html and "3 March 2029" in html  # three years later by default


def test_series_and_booklet_title_show_on_sections(client, booklet):
    html = client.get(sections_of(booklet)[0].url).content.decode()
    assert "From the Understanding booklet series" in html
    assert "Understanding secondary cancer in the bone" in html


def test_whole_booklet_view_has_every_section_in_order(client, booklet):
    response = client.get(booklet.whole_booklet_url)
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(f'id="heading-section-{n}"') for n in range(1, 5)]
    assert positions == sorted(positions)
    for n in range(1, 5):
        assert f"Text of section {n}." in html


def test_whole_booklet_slug_is_reserved(booklet):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        add_section(booklet, "All", slug="all")


def test_cross_link_survives_renaming_and_moving_its_target(client, site_tree, booklet):
    target = sections_of(booklet)[2]
    source = add_section(
        booklet, "Bisphosphonates", body=f'<p>See <a linktype="page" id="{target.pk}">treating hypercalcaemia</a>.</p>'
    )
    target.title = "Treating high calcium"
    target.slug = "treating-high-calcium"
    publish(target)
    html = client.get(source.url).content.decode()
    assert 'href="/cancer-types/secondary-bone-cancer/treating-high-calcium/"' in html

    other = make_booklet(site_tree["treatments"], "Understanding bone treatments", sections=1, slug="bone-treatments")
    target.refresh_from_db()
    target.move(other, pos="last-child")
    html = client.get(source.url).content.decode()
    assert 'href="/treatments/bone-treatments/treating-high-calcium/"' in html


def test_booklet_landing_page_lists_sections_and_starts_reading(client, booklet):
    html = client.get(booklet.url).content.decode()
    assert "Start reading: Section 1" in html
    assert html.count('<ol class="contents__list">') == 2  # folded for phones, open for wider screens


def test_on_the_one_page_view_links_to_other_sections_jump_within_the_page(client, booklet, site_tree):
    first, _second, third, _fourth = sections_of(booklet)
    elsewhere = make_booklet(site_tree["cancer-types"], "Another booklet", sections=1)
    other_booklets_section = sections_of(elsewhere)[0]
    first.body = [
        (
            "paragraph",
            f'<p>Read <a linktype="page" id="{third.pk}">section 3</a>, '
            f'<a linktype="page" id="{other_booklets_section.pk}">another booklet</a> '
            f'and <a href="https://www.nhs.uk/conditions/">the NHS website</a>.</p>',
        )
    ]
    publish(first)

    html = client.get(booklet.whole_booklet_url).content.decode()

    assert '<a href="#section-section-3">section 3</a>' in html
    assert 'id="section-section-3"' in html
    assert f'<a href="{other_booklets_section.url}">another booklet</a>' in html
    assert '<a href="https://www.nhs.uk/conditions/">the NHS website</a>' in html
    # The section's own page still links to the other section's own page.
    assert f'<a href="{third.url}">section 3</a>' in client.get(first.url).content.decode()
