"""Registry text is readable: escaped markup becomes the characters it stands for, lists (nested ones too) become
lists, inclusion and exclusion criteria are headed in plain words, nothing of the registry's own HTML, links or code
gets through, and a long text is previewed in whole points, never cut inside one, with the rest a link away."""

import re

import pytest

from cancerinfo.trials.registry_text import PREVIEW_CHARACTERS, plain_text, render, shorten


def test_escaped_markup_is_written_as_the_characters_it_stands_for():
    # As ClinicalTrials.gov writes them (the importer has already decoded entities such as &lt; once).
    text = (
        "* Serum PSA \\</=20ng/ml\n"
        "* Life expectancy of \\>/=10 years\n"
        "* QTc \\&gt; 450 ms\n"
        "* Heart rate \\&#8805; 100 bpm\n"
        "* Neutrophils \\>= 1.5 x 10\\^9/L and platelets \\< 100\n"
        "* Prior therapy \\[any line\\] allowed\n"
        "* Creatinine 1\\.5 \\* upper limit of normal\n"
        "* Older than 18 \\~ 75 years"
    )
    assert render(text).html == (
        "<ul>"
        "<li>Serum PSA ≤20ng/ml</li>"
        "<li>Life expectancy of ≥10 years</li>"
        "<li>QTc &gt; 450 ms</li>"
        "<li>Heart rate ≥ 100 bpm</li>"
        "<li>Neutrophils ≥ 1.5 x 10^9/L and platelets &lt; 100</li>"
        "<li>Prior therapy [any line] allowed</li>"
        "<li>Creatinine 1.5 * upper limit of normal</li>"
        "<li>Older than 18 ~ 75 years</li>"
        "</ul>"
    )


def test_numbered_points_with_nested_bullets_become_nested_lists():
    # NCT01194648's shape: numbered points, blank lines between some, bullets indented under the second.
    text = (
        "1. Histologically proven prostate cancer.\n"
        "2. Prostate biopsy:\n\n"
        "   * TRUS biopsy within 12 months.\n"
        "   * MRI targeted biopsy showing:\n\n"
        "     * unilateral disease, or\n"
        "     * bilateral disease on one side only.\n"
        "3. Serum PSA \\</=20ng/ml"
    )
    assert render(text).html == (
        "<ol>"
        "<li>Histologically proven prostate cancer.</li>"
        "<li>Prostate biopsy:<ul>"
        "<li>TRUS biopsy within 12 months.</li>"
        "<li>MRI targeted biopsy showing:<ul>"
        "<li>unilateral disease, or</li>"
        "<li>bilateral disease on one side only.</li>"
        "</ul></li>"
        "</ul></li>"
        "<li>Serum PSA ≤20ng/ml</li>"
        "</ol>"
    )


def test_inclusion_and_exclusion_criteria_are_headed_in_plain_words():
    text = (
        "Inclusion Criteria:\n\nInclusion Criteria:\n\n"  # written twice in a real record (NCT01885988)
        "* Adults\n\n"
        "  o Aged 18 or over\n"
        "• Able to give consent\n\n"
        "Exclusion Criteria:\n\n"
        "- Pregnancy\n\n"
        "DISEASE CHARACTERISTICS:\n\n"
        "Patients must have:\n"
        "* A confirmed diagnosis\n"
        "* Measurable disease"
    )
    assert render(text, heading_level=4).html == (
        "<h4>Who can take part (inclusion criteria)</h4>"
        "<ul><li>Adults<ul><li>Aged 18 or over</li></ul></li><li>Able to give consent</li></ul>"
        "<h4>Who cannot take part (exclusion criteria)</h4>"
        "<ul><li>Pregnancy</li></ul>"
        "<h4>Disease characteristics</h4>"
        "<p>Patients must have:</p>"
        "<ul><li>A confirmed diagnosis</li><li>Measurable disease</li></ul>"
    )


def test_paragraphs_keep_their_line_breaks_and_nothing_else_gets_through():
    text = (
        "Participants must:\nbe over 18\n\n"
        "    indented, not code\n\n"
        "> 18 years old, not a quotation\n\n"
        "# 1 is not a heading\n\n"
        "----\n\n"
        "<script>alert(1)</script> <b>bold</b> [a link](https://example.com) ![x](https://example.com/x.png) "
        "https://example.com **really** important"
    )
    assert render(text).html == (
        "<p>Participants must:<br>be over 18</p>"
        "<p>indented, not code</p>"
        "<p>&gt; 18 years old, not a quotation</p>"
        "<p># 1 is not a heading</p>"
        "<p>----</p>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; [a link](https://example.com) "
        "![x](https://example.com/x.png) https://example.com <strong>really</strong> important</p>"
    )


def _long_criteria(points=30):
    inclusion = "\n".join(f"* Inclusion point {n} says something a patient needs to know." for n in range(1, 11))
    exclusion = "\n".join(f"{n}. Exclusion point {n} says something else that matters here." for n in range(1, points))
    return f"Inclusion Criteria:\n\n{inclusion}\n\nExclusion Criteria:\n\n{exclusion}"


def test_long_text_is_previewed_in_whole_points_with_the_rest_a_link_away():
    text = _long_criteria()
    result = render(text, heading_level=4)
    inclusion = "".join(f"<li>Inclusion point {n} says something a patient needs to know.</li>" for n in range(1, 11))
    # About PREVIEW_CHARACTERS (1,200) characters of text: the first heading (38 characters), all ten inclusion
    # points (571), the second heading (41), and as many whole exclusion points of 56 characters as fit in the 550
    # left: nine.
    assert PREVIEW_CHARACTERS == 1200
    shown = 9
    exclusion = "".join(
        f"<li>Exclusion point {n} says something else that matters here.</li>" for n in range(1, shown + 1)
    )
    assert result.preview == (
        f"<h4>Who can take part (inclusion criteria)</h4><ul>{inclusion}</ul>"
        f"<h4>Who cannot take part (exclusion criteria)</h4><ol>{exclusion}</ol>"
    )
    assert result.hidden == 29 - shown
    assert result.is_long
    everything = "".join(f"<li>Exclusion point {n} says something else that matters here.</li>" for n in range(1, 30))
    assert result.html.endswith(f"<ol>{everything}</ol>")


def test_a_point_longer_than_the_preview_is_shown_whole_and_a_heading_is_never_left_alone():
    long_point = "A very long point. " * 100  # 1,900 characters in one point
    result = render(f"Inclusion Criteria:\n\n* {long_point.strip()}\n* Short point.\n\nExclusion Criteria:\n\n* None")
    assert result.preview == f"<h3>Who can take part (inclusion criteria)</h3><ul><li>{long_point.strip()}</li></ul>"
    assert result.hidden == 2  # "Short point." and "None"; the exclusion heading is not counted or left dangling

    lead_in = render("Patients must have all of these:\n\n" + "\n".join(f"* Point {n} " + "x" * 200 for n in range(9)))
    assert lead_in.preview.startswith("<p>Patients must have all of these:</p><ul><li>Point 0 ")


def test_a_lead_in_is_not_left_at_the_end_of_a_preview():
    first = "First paragraph, long enough to fill most of the preview. " * 18
    points = "\n".join(f"* Point {n} " + "x" * 300 for n in range(10))  # none fits in what is left
    text = f"{first.strip()}\n\nPatients must meet all of the following:\n\n{points}"
    result = render(text)
    assert result.preview == f"<p>{first.strip()}</p>"
    assert result.hidden == 11  # the lead-in and the ten points after it


def test_short_text_is_shown_whole_without_a_link():
    result = render("Inclusion Criteria:\n\n* Adults")
    assert result.preview == result.html == "<h3>Who can take part (inclusion criteria)</h3><ul><li>Adults</li></ul>"
    assert not result.is_long and result.hidden == 0
    assert not render("   ") and render("").html == ""


def test_plain_text_and_whole_sentences_for_search_results():
    assert plain_text("Inclusion Criteria:\n\n* PSA \\</=20\n* Age \\>/= 18") == "Inclusion Criteria: PSA ≤20 Age ≥ 18"
    text = "The first sentence is short. The second sentence is a little longer than the first. A third."
    assert shorten(text, 200) == text
    assert shorten(text, 60) == "The first sentence is short."
    assert shorten("One sentence that goes on and on without an end in sight", 30) == "One sentence that goes on and…"


@pytest.mark.parametrize("limit", [300, 800, 1200])
def test_no_preview_ends_inside_a_point_or_a_paragraph(limit):
    result = render(_long_criteria(60), limit=limit)
    for block in re.findall(r"<li>(.*?)</li>", result.preview):
        assert block.endswith("here.") or block.endswith("know.")
    assert result.preview.endswith("</ol>") or result.preview.endswith("</ul>")


def test_under_a_heading_a_short_line_naming_the_list_after_it_heads_that_list():
    # The layout of NCI's PDQ records (NCT00057759): a section in capitals, then "Age", "Performance status"...
    text = (
        "PATIENT CHARACTERISTICS:\n\nAge\n\n* 18 and over\n\nPerformance status\n\n* Zubrod 0-2\n\n"
        "Other conditions apply.\n\n* None known"
    )
    assert render(text, heading_level=4).html == (
        "<h4>Patient characteristics</h4>"
        "<h5>Age</h5><ul><li>18 and over</li></ul>"
        "<h5>Performance status</h5><ul><li>Zubrod 0-2</li></ul>"
        "<p>Other conditions apply.</p><ul><li>None known</li></ul>"
    )
    # Without a heading above it, such a line stays a paragraph (no h5 straight under the page's h3).
    assert render("Age\n\n* 18 and over", heading_level=4).html == "<p>Age</p><ul><li>18 and over</li></ul>"
