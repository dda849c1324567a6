"""Content files (Markdown with YAML front matter) become the StreamField blocks editors use: docs/demo-content.md."""

import textwrap

import pytest

from cancerinfo.core.content_files import (
    ContentFileError,
    body_blocks,
    link_pages,
    markdown_to_html,
    read_content_file,
    site_page_id,
)


def write(tmp_path, text: str, name: str = "01-section.md"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def blocks_of(tmp_path, body: str) -> list:
    return body_blocks(read_content_file(write(tmp_path, "---\ntitle: A section\n---\n" + textwrap.dedent(body))))


def test_front_matter_gives_the_fields_and_the_rest_is_the_body(tmp_path):
    file = read_content_file(
        write(
            tmp_path,
            """
            ---
            title: What are the symptoms?
            slug: what-are-the-symptoms
            topics:
            - symptoms
            ---

            Some people have no symptoms.
            """,
        )
    )
    assert file.meta == {"title": "What are the symptoms?", "slug": "what-are-the-symptoms", "topics": ["symptoms"]}
    assert file.body.strip() == "Some people have no symptoms."
    assert file.body_line == 7


def test_a_file_without_front_matter_is_refused_with_its_name(tmp_path):
    path = write(tmp_path, "Just text.\n")
    with pytest.raises(ContentFileError, match=r"01-section\.md:1: .*front matter"):
        read_content_file(path)


def test_plain_markdown_is_one_text_block_and_a_dashed_line_starts_another(tmp_path):
    blocks = blocks_of(
        tmp_path,
        """
        First paragraph, wrapped
        over two lines.

        ## A heading

        - one
        - **two**

        ---

        Second block, with [a website](https://www.nhs.uk/) and *emphasis* & more.
        """,
    )
    assert blocks == [
        (
            "paragraph",
            "<p>First paragraph, wrapped over two lines.</p><h2>A heading</h2><ul><li>one</li><li><strong>two</strong>"
            "</li></ul>",
        ),
        (
            "paragraph",
            '<p>Second block, with <a href="https://www.nhs.uk/">a website</a> and <em>emphasis</em> &amp; more.</p>',
        ),
    ]


def test_boxes_become_their_blocks_with_the_usual_heading_unless_one_is_given(tmp_path):
    blocks = blocks_of(
        tmp_path,
        """
        ::: callout
        Ask your team.
        :::

        ::: callout Questions to ask your team
        - What is the aim?
        :::

        ::: warning
        - you have a temperature
        :::

        ::: key-points
        - Treatment can ease pain.
        - Help is there
          for you.
        :::

        ::: quote Sample quote: a person who had chemotherapy
        The first session
        was the hardest.
        :::
        """,
    )
    assert blocks == [
        ("callout", {"heading": "Talk to your doctor or nurse", "text": "<p>Ask your team.</p>"}),
        ("callout", {"heading": "Questions to ask your team", "text": "<ul><li>What is the aim?</li></ul>"}),
        (
            "warning",
            {"heading": "Contact your hospital straight away if", "text": "<ul><li>you have a temperature</li></ul>"},
        ),
        ("key_points", {"heading": "Key points", "points": ["Treatment can ease pain.", "Help is there for you."]}),
        (
            "quote",
            {
                "quote": "The first session was the hardest.",
                "attribution": "Sample quote: a person who had chemotherapy",
            },
        ),
    ]


def test_text_either_side_of_a_box_makes_two_text_blocks(tmp_path):
    kinds = [kind for kind, _ in blocks_of(tmp_path, "Before.\n\n::: callout\nAsk.\n:::\n\nAfter.\n")]
    assert kinds == ["paragraph", "callout", "paragraph"]


def test_a_table_box_becomes_a_table_with_a_header_row_and_its_caption(tmp_path):
    [(kind, value)] = blocks_of(
        tmp_path,
        """
        ::: table When to take your tablets
        | Tablet | When |
        | --- | --- |
        | Dexamethasone | Morning |
        | Anti-sickness | Before meals |
        :::
        """,
    )
    assert kind == "table"
    assert value["data"] == [["Tablet", "When"], ["Dexamethasone", "Morning"], ["Anti-sickness", "Before meals"]]
    assert value["first_row_is_table_header"] is True
    assert value["table_caption"] == "When to take your tablets"


def test_an_unknown_box_is_refused_with_its_file_and_line(tmp_path):
    with pytest.raises(ContentFileError, match=r"01-section\.md:7: unknown box ::: tip"):
        blocks_of(tmp_path, "\nText.\n\n::: tip\nA tip.\n:::\n")


def test_a_box_never_closed_is_refused_with_the_line_it_opened(tmp_path):
    with pytest.raises(ContentFileError, match=r"01-section\.md:5: ::: callout is never closed"):
        blocks_of(tmp_path, "\n::: callout\nAsk your team.\n")


def test_headings_are_h2_to_h4_only(tmp_path):
    with pytest.raises(ContentFileError, match="headings are ## to ####, not #"):
        blocks_of(tmp_path, "# A page title in the body\n")
    assert markdown_to_html("### Smaller\n\n#### Smallest") == "<h3>Smaller</h3><h4>Smallest</h4>"


def test_html_written_in_a_file_is_shown_as_text_never_run():
    html = markdown_to_html('Hello <script>alert("x")</script> <img src=x onerror=alert(1)>')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_links_that_could_run_code_are_dropped():
    assert "<a" not in markdown_to_html("[click](javascript:alert(1))")
    assert markdown_to_html("[NHS](https://www.nhs.uk/)") == '<p><a href="https://www.nhs.uk/">NHS</a></p>'


def test_a_link_to_a_path_on_the_site_becomes_a_link_to_that_page(site_tree, tmp_path):
    treatments = site_tree["treatments"]
    blocks = [
        ("paragraph", '<p>See <a href="/treatments">treatments</a> or <a href="https://www.nhs.uk/">NHS</a>.</p>'),
        ("callout", {"heading": "Ask", "text": '<p><a href="/treatments/">Treatments</a></p>'}),
    ]
    linked = link_pages(blocks, site_page_id, tmp_path / "a.md")
    assert linked[0][1] == (
        f'<p>See <a linktype="page" id="{treatments.pk}">treatments</a> or <a href="https://www.nhs.uk/">NHS</a>.</p>'
    )
    assert linked[1][1]["text"] == f'<p><a linktype="page" id="{treatments.pk}">Treatments</a></p>'


def test_a_link_to_a_path_with_no_page_is_refused_with_the_file(site_tree, tmp_path):
    blocks = [("paragraph", '<p><a href="/no-such-page/">gone</a></p>')]
    with pytest.raises(ContentFileError, match=r"a\.md:1: links to /no-such-page/, which is not a page"):
        link_pages(blocks, site_page_id, tmp_path / "a.md")
