"""Reading a saved page: what is taken (title, series, contents, heading, body, links) and what is left behind."""

from pathlib import Path

import pytest

from cancerinfo.legacy.parsers import (
    LegacyParseError,
    parse_html,
    parse_text,
    read_file,
    split_smashed,
    title_key,
)

from .helpers import FATIGUE, HOSTILE, MALFORMED, seed_page

FATIGUE_CONTENTS = (
    "About this booklet",
    "What is fatigue?",
    "Causes of fatigue",
    "Saving your energy",
    "Sleeping better",
    "Eating well",
    "Gentle exercise",
    "Who can help",
    "Other useful organisations",
)


def test_seed_page_gives_title_series_contents_heading_and_body():
    page = read_file(seed_page())
    assert page.source_format == "text"
    assert page.booklet_title == "Understanding secondary cancer in the bone"
    assert page.series == "CancerBACUP"
    assert page.section_title == "Bisphosphonates"
    assert len(page.contents) == 26
    assert page.contents[:3] == ("Introduction", "What is secondary bone cancer", "The bones")
    assert "Research - clinical trials" in page.contents
    # Two items glued together in the rendering come apart; "CancerBACUP" itself is not split.
    assert page.contents[-4:] == ("CancerBACUP's services", "Other useful organisations", "Helpful books", "References")
    assert page.links == ["treating hypercalcaemia"]
    assert page.body_source.startswith("<p>There are two different types of cells found in bone")
    assert page.body_source.count("<p>") == 3


def test_seed_page_leaves_header_navigation_related_box_and_next_page_out():
    page = read_file(seed_page())
    for chrome in ("HELPLINE", "Clinical", "Related CancerQs", "Questions and", "Next page", "From the"):
        assert chrome not in page.body_source
    for chrome in ("Cancer Information", "FREEPHONE HELPLINE: 0808 800 1234", "Make a donation"):
        assert chrome not in page.contents


def test_text_fixture():
    page = read_file(FATIGUE / "01-saving-your-energy.txt")
    assert (page.booklet_title, page.series, page.section_title) == (
        "Understanding tiredness and cancer",
        "Sample Guides",
        "Saving your energy",
    )
    assert page.contents == FATIGUE_CONTENTS
    assert page.links == ["sleeping better", "What is fatigue?"]
    # Links to other websites stay as they are; " -- " is a dash.
    assert '<a href="https://example.org/tiredness">charity\'s website</a>' in page.body_source
    assert "shopping \u2013 most people" in page.body_source
    assert "Why am I so" not in page.body_source


def test_html_fixture():
    page = read_file(FATIGUE / "02-sleeping-better.html")
    assert page.source_format == "html"
    assert (page.booklet_title, page.series, page.section_title) == (
        "Understanding tiredness and cancer",
        "Sample Guides",
        "Sleeping better",
    )
    assert page.contents == FATIGUE_CONTENTS  # the contents list, not the site's navigation list
    assert page.links == ["saving your energy"]
    assert "<ul><li>Go to bed and get up at <strong>about the same time</strong> each day.</li>" in page.body_source
    assert "<em>keep naps short</em>" in page.body_source
    assert '<a href="tel:08088001234">0808 800 1234</a>' in page.body_source
    for chrome in ("Next page", "Related", "Why am I so tired", "footer", "From the"):
        assert chrome not in page.body_source


HOSTILE_TRACES = (
    "<script",
    "alert",
    "onerror",
    "onclick",
    "onload",
    "onmouseover",
    "javascript",
    "style",
    "iframe",
    "<img",
    "<svg",
    "data:",
    "<form",
    "<input",
    "<object",
    "Frame text",
    "Object text",
)


@pytest.mark.parametrize("name", ["eating-well.html", "gentle-exercise.txt"])
def test_hostile_pages_come_out_clean(name):
    page = read_file(HOSTILE / name)
    everything = f"{page.booklet_title} {page.section_title} {page.body_source}"
    for trace in HOSTILE_TRACES:
        assert trace.lower() not in everything.lower(), trace
    assert page.booklet_title == "Understanding tiredness and cancer"
    assert page.section_title in {"Eating well", "Gentle exercise"}


def test_hostile_links_keep_their_words_but_not_their_address():
    page = read_file(HOSTILE / "eating-well.html")
    assert "Click here for recipes, or read this page." in page.body_source
    assert page.links == ["sleeping better"]
    text = read_file(HOSTILE / "gentle-exercise.txt")
    assert "Read about saving your energy or see" in text.body_source
    assert text.links == ["eating well"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("no-title.html", "no booklet title"),
        ("no-heading.txt", "no section heading"),
        ("empty-body.txt", "the section has no text"),
        ("undecodable.txt", "cannot decode it as UTF-8"),
    ],
)
def test_malformed_pages_are_refused_with_a_reason(name, reason):
    with pytest.raises(LegacyParseError, match=reason):
        read_file(MALFORMED / name)


def test_empty_and_binary_files_are_refused(tmp_path: Path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"  \n")
    with pytest.raises(LegacyParseError, match="empty"):
        read_file(empty)
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"## Title\n\x00\x01\x02\n### Heading\n")
    with pytest.raises(LegacyParseError, match="control characters"):
        read_file(binary)


def test_declared_or_given_encoding_is_used(tmp_path: Path):
    page = (
        '<html><head><meta charset="windows-1252"></head><body><h2>Caf\xe9 booklet</h2><h3>Na\xefve</h3>'
        "<p>Text \u2013 with a dash.</p></body></html>"
    )
    declared = tmp_path / "declared.html"
    declared.write_bytes(page.encode("cp1252"))
    assert read_file(declared).booklet_title == "Café booklet"
    given = tmp_path / "given.txt"
    given.write_bytes("## Caf\xe9 booklet\n\n### Na\xefve\n\nSome text.\n".encode("cp1252"))
    with pytest.raises(LegacyParseError):
        read_file(given)
    assert read_file(given, encoding="cp1252").section_title == "Naïve"


def test_overlong_titles_are_refused():
    with pytest.raises(LegacyParseError, match="longer than 255"):
        parse_text(f"## {'Long ' * 60}\n\n### Heading\n\nText.\n")


def test_smashed_contents_items_are_split_at_the_join_only():
    assert split_smashed("CancerBACUP's servicesOther useful organisations") == [
        "CancerBACUP's services",
        "Other useful organisations",
    ]
    assert split_smashed("What you can doWho can help") == ["What you can do", "Who can help"]
    assert split_smashed("What are the causes?How it is diagnosed") == ["What are the causes?", "How it is diagnosed"]
    assert split_smashed("Ask McDonald about CancerQs") == ["Ask McDonald about CancerQs"]


def test_text_rendering_markdown_subset():
    page = parse_text(
        "## A booklet\n\n### A section\n\nSome **strong** and *gentle* words.\n\n#### Smaller heading\n\n"
        "* first point\n* second point  \n  carried on\n\n1. one\n2. two\n\nNext page >>\n\nFooter text.\n"
    )
    assert page.body_source == (
        "<p>Some <strong>strong</strong> and <em>gentle</em> words.</p><h4>Smaller heading</h4>"
        "<ul><li>first point</li><li>second point carried on</li></ul><ol><li>one</li><li>two</li></ol>"
    )


def test_html_without_contents_or_series_still_parses():
    page = parse_html("<h2>Plain booklet</h2><h3>Plain section</h3><div>Loose text in a div.</div>")
    assert page.contents == ()
    assert page.series == ""
    assert page.body_source == "<p>Loose text in a div.</p>"


def test_titles_compare_without_case_spacing_or_closing_punctuation():
    assert title_key("What is  Fatigue?") == title_key("what is fatigue")
    assert title_key("Research \u2013 clinical trials") == title_key("Research - clinical  trials")
    assert title_key("Chemotherapy") != title_key("Radiotherapy")


def test_site_menus_are_not_taken_for_the_contents_list():
    page = parse_html(
        '<div id="header"><ul><li>Home</li><li>About us</li></ul></div>'
        "<nav><ul><li>Donate</li></ul></nav>"
        "<h2>A booklet</h2><h3>A section</h3><p>Sample text.</p>"
    )
    assert page.contents == ()
    page = parse_html(
        '<div id="content"><nav aria-label="Booklet contents"><p>Contents</p><ol><li>First</li><li>A section</li>'
        "</ol></nav><h2>A booklet</h2><h3>A section</h3><p>Sample text.</p></div>"
    )
    assert page.contents == ("First", "A section")


def test_a_contents_heading_is_not_a_section():
    page = parse_text("Contents\n\nFirst part\n\nSecond part\n\n## A booklet\n\n### First part\n\nSample text.\n")
    assert page.contents == ("First part", "Second part")


def test_the_booklet_title_is_the_one_just_before_the_section_heading():
    assert parse_text("## Site name\n\n## A booklet\n\n### A section\n\nSample text.\n").booklet_title == "A booklet"
    page = parse_html("<header><h2>Site name</h2></header><h2>A booklet</h2><h3>A section</h3><p>Sample text.</p>")
    assert page.booklet_title == "A booklet"
