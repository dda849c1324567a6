"""An answer's plain text becomes a short answer, a key-points list and clean HTML: paragraphs, headings, lists."""

import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup

from cancerinfo.questions.answers import parse_answer, sanitise


def soup(html):
    return BeautifulSoup(html, "html.parser")


def test_bullets_after_a_lead_in_become_a_list_between_paragraphs():
    text = (
        "Signs include fever. Check with your doctor if you have:         - Weakness.    -  Fever.        Other things."
    )
    parsed = parse_answer(text)
    assert parsed.short_answer == "Signs include fever."
    doc = soup(parsed.html)
    assert [p.get_text() for p in doc.find_all("p")] == ["Check with your doctor if you have:", "Other things."]
    assert [li.get_text() for li in doc.find_all("li")] == ["Weakness.", "Fever."]


def test_a_long_gap_after_an_item_ending_in_a_colon_starts_a_nested_list():
    text = (
        "Tests are used. These may be done:          -   Blood count : Checks the blood for the following:"
        "                -  Red cells.      - White cells.              -   Scan : A picture."
    )
    doc = soup(parse_answer(text).html)
    outer = doc.find("ul")
    assert [li.contents[0].strip() for li in outer.find_all("li", recursive=False)] == [
        "Blood count: Checks the blood for the following:",
        "Scan: A picture.",
    ]
    assert [li.get_text() for li in outer.find("li").find("ul").find_all("li")] == ["Red cells.", "White cells."]


def test_key_points_become_a_list_and_each_section_gets_its_key_point_as_heading():
    text = (
        "Key Points\n    - First point.    - Second point.\n\n\n"
        "    First point.\n    The first section.\n\n\n"
        "    Second point.\n    The second section.   Stage I    Small.   Stage II    Bigger."
    )
    parsed = parse_answer(text)
    assert parsed.key_points == ["First point.", "Second point."]
    assert parsed.short_answer == "First point."
    doc = soup(parsed.html)
    assert [h.get_text() for h in doc.find_all("h3")] == ["First point.", "Second point."]
    assert [h.get_text() for h in doc.find_all("h4")] == ["Stage I", "Stage II"]
    assert [p.get_text() for p in doc.find_all("p")] == [
        "The first section.",
        "The second section.",
        "Small.",
        "Bigger.",
    ]


def test_text_is_escaped_and_the_html_sanitised():
    parsed = parse_answer("The start. Cells <script>alert(1)</script> & more.")
    assert "<script>" not in parsed.html
    assert "&lt;script&gt;" in parsed.html
    assert sanitise('<p onclick="x()">Hi<script>bad()</script></p><iframe></iframe>') == "<p>Hi</p>"


def test_an_answer_that_is_one_sentence_is_all_short_answer():
    parsed = parse_answer("No, it is not inherited.")
    assert parsed.short_answer == "No, it is not inherited."
    assert parsed.html == ""


def test_empty_answer():
    assert parse_answer("").short_answer == ""


def _answers(path, count=None):
    root = ET.parse(path).getroot()  # noqa: S314
    return [pair.findtext("Answer") for pair in root.iter("QAPair")][:count]


def test_real_answer_with_key_points(real_data):
    """0000001_1.xml: adult ALL; its first answer has key points, sections and lists."""
    parsed = parse_answer(_answers(real_data / "0000001_1.xml")[0])
    assert len(parsed.key_points) >= 3
    doc = soup(parsed.html)
    assert len(doc.find_all("h3")) >= 2
    assert len(doc.find_all("ul")) >= 2
    assert doc.find("p")
    assert " - " not in doc.get_text(), "every '- ' bullet becomes a list item"


def test_real_symptoms_answer_is_a_list(real_data):
    parsed = parse_answer(_answers(real_data / "0000001_1.xml")[1])
    assert parsed.short_answer.startswith("Signs and symptoms")
    doc = soup(parsed.html)
    assert len(doc.find("ul").find_all("li")) >= 5


def test_real_answers_convert_cleanly(real_data):
    """Across a spread of real files: no stray bullets, no empty elements, no markup outside the allowed tags."""
    files = sorted(real_data.glob("*.xml"))[::10]
    assert files
    for path in files:
        for answer in _answers(path):
            parsed = parse_answer(answer)
            assert parsed.short_answer, path
            doc = soup(parsed.html)
            assert {tag.name for tag in doc.find_all(True)} <= {"p", "h3", "h4", "ul", "li"}, path
            assert all(tag.get_text(strip=True) for tag in doc.find_all(["p", "li", "h3", "h4"])), path
            assert "    -" not in parsed.html, path
