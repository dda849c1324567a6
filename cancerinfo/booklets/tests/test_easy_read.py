"""Easy read is a third version of a booklet, beside "For patients" and "For health professionals": the same
ContentVersion and the same switch. Its pages have their own layout: larger type, one idea per line, a picture on
the left of each idea with alt text (docs/easy-read.md)."""

import re

import pytest
from wagtail.blocks import StreamValue
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from cancerinfo.booklets.models import BookletSectionPage
from cancerinfo.core.blocks import ALT_TEXT_REQUIRED, IdeaBlock, ReadingStreamBlock
from cancerinfo.core.demo_pictures import demo_picture
from cancerinfo.versions.models import ContentVersion

from .factories import add_section, make_booklet, publish
from .test_query_counts import MAX_QUERIES, render

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def idea(picture: str, alt: str, text: str) -> tuple:
    return ("idea", {"picture": demo_picture(picture), "alt_text": alt, "text": text})


def easy_read_section(booklet, title: str, ideas: list[tuple]) -> BookletSectionPage:
    section = add_section(booklet, title)
    section.body = ideas
    return publish(section)


@pytest.fixture
def booklets(site_tree):
    patient = make_booklet(site_tree["treatments"], "Understanding chemo", sections=0)
    add_section(patient, "What is chemo")
    add_section(patient, "Side effects")
    easy = make_booklet(site_tree["treatments"], "Chemo easy read", sections=0, audience="easy_read")
    easy_read_section(
        easy,
        "What is chemo",
        [
            idea("medicine", "Two tablets next to a glass of water.", "Chemo is a medicine. It kills cancer cells."),
            idea("hospital", "A hospital building with a red cross.", "You have chemo at a hospital."),
        ],
    )
    ContentVersion.objects.create(original=patient, version=easy, audience="easy_read")
    return patient, easy


def switch(html: str) -> str:
    start = html.index('<nav class="audience-switch"')
    return html[start : html.index("</nav>", start)]


def test_the_patients_booklet_offers_easy_read_and_easy_read_leads_back(client, booklets):
    patient, easy = booklets
    nav = switch(client.get(patient.url).content.decode())
    assert '<span aria-current="page">For patients</span>' in nav
    assert f'<a href="{easy.url}">Easy read</a>' in nav

    nav = switch(client.get(easy.url).content.decode())
    assert '<span aria-current="page">Easy read</span>' in nav
    assert f'<a href="{patient.url}">For patients</a>' in nav


def test_a_section_switches_to_the_section_of_the_same_address_both_ways(client, booklets):
    patient, easy = booklets
    nav = switch(client.get(f"{patient.url}what-is-chemo/").content.decode())
    assert f'<a href="{easy.url}what-is-chemo/">Easy read</a>' in nav
    nav = switch(client.get(f"{easy.url}what-is-chemo/").content.decode())
    assert '<span aria-current="page">Easy read</span>' in nav
    assert f'<a href="{patient.url}what-is-chemo/">For patients</a>' in nav
    # No easy-read page of the same address: the easy-read booklet's first page.
    assert f'<a href="{easy.url}">Easy read</a>' in switch(client.get(f"{patient.url}side-effects/").content.decode())


def test_an_easy_read_section_shows_each_idea_with_its_picture_and_alt_text_one_sentence_a_line(client, booklets):
    _patient, easy = booklets
    html = client.get(f"{easy.url}what-is-chemo/").content.decode()

    assert '<body class="easy-read">' in html
    assert "css/easy-read.css" in html
    assert html.count('<div class="idea">') == 2
    first = html[html.index('<div class="idea">') :]
    assert re.search(
        r'<div class="idea__picture"><img alt="Two tablets next to a glass of water\." [^>]*src="[^"]+\.png"', first
    )
    assert '<div class="idea__text"><p>Chemo is a medicine.</p><p>It kills cancer cells.</p></div>' in first
    assert 'alt="A hospital building with a red cross."' in html


def test_a_patients_section_keeps_the_usual_layout(client, booklets):
    patient, _easy = booklets
    html = client.get(f"{patient.url}what-is-chemo/").content.decode()
    assert '<body class="">' in html
    assert "easy-read.css" not in html
    assert 'class="booklet-layout"' in html


def test_an_easy_read_booklets_first_page_has_the_easy_read_layout_and_lists_its_pages(client, booklets):
    _patient, easy = booklets
    html = client.get(easy.url).content.decode()
    assert '<body class="easy-read">' in html
    assert f'href="{easy.url}what-is-chemo/">Start reading: What is chemo</a>' in html
    assert "Pages in this booklet" in html


def clean_idea(**value):
    block = IdeaBlock()
    return block.clean(block.to_python({"picture": demo_picture("medicine").pk, "alt_text": "", "text": "", **value}))


def error_text(error) -> str:
    return str(error.as_json_data())


def test_an_idea_without_alt_text_is_refused_with_a_message_saying_what_to_write():
    with pytest.raises(StructBlockValidationError) as refused:
        clean_idea(alt_text="", text="Chemo is a medicine.")
    assert set(refused.value.block_errors) == {"alt_text"}
    assert refused.value.block_errors["alt_text"].messages == [ALT_TEXT_REQUIRED]
    assert "Describe the picture for people who cannot see it (alt text)" in ALT_TEXT_REQUIRED


def test_a_page_body_with_an_idea_without_alt_text_is_refused():
    stream = ReadingStreamBlock()
    value = stream.to_python(
        [{"type": "idea", "value": {"picture": demo_picture("medicine").pk, "alt_text": " ", "text": "Hello."}}]
    )
    with pytest.raises(StreamBlockValidationError) as refused:
        stream.clean(StreamValue(stream, [("idea", value[0].value)]))
    assert "Describe the picture for people who cannot see it" in error_text(refused.value)


def test_an_idea_is_one_or_two_short_sentences():
    assert clean_idea(alt_text="Tablets.", text="Chemo is a medicine.\nIt kills cancer cells.")["text"]
    with pytest.raises(StructBlockValidationError) as three:
        clean_idea(alt_text="Tablets.", text="One idea. Two ideas. Three ideas.")
    assert "one or two short sentences; this one has 3" in error_text(three.value)
    with pytest.raises(StructBlockValidationError) as long:
        clean_idea(
            alt_text="Tablets.", text="This sentence has far too many words in it for an easy read page to be easy."
        )
    assert "has 17 words. Keep each sentence to 15 words or fewer." in error_text(long.value)
    fifteen = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen."
    assert clean_idea(alt_text="Tablets.", text=fifteen)["text"] == fifteen


def test_an_idea_without_a_picture_is_refused():
    with pytest.raises(StructBlockValidationError) as refused:
        clean_idea(picture=None, alt_text="Tablets.", text="Chemo is a medicine.")
    assert "picture" in refused.value.block_errors


@pytest.mark.parametrize("ideas", [3, 30])
def test_an_easy_read_section_renders_in_a_constant_number_of_queries(client, site_tree, ideas):
    patient = make_booklet(site_tree["treatments"], "Understanding chemo", sections=5)
    easy = make_booklet(site_tree["treatments"], "Chemo easy read", sections=4, audience="easy_read")
    ContentVersion.objects.create(original=patient, version=easy, audience="easy_read")
    pictures = ["medicine", "hospital", "nurse", "drip", "calendar"]
    middle = easy_read_section(
        easy,
        "Having chemo",
        [idea(pictures[n % 5], f"Picture {n}.", f"Idea number {n}. It is short.") for n in range(ideas)],
    )

    response, count, sql = render(client, middle.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<div class="idea">') == ideas
    assert f'alt="Picture {ideas - 1}."' in html
    assert '<span aria-current="page">Easy read</span>' in html
    assert count <= MAX_QUERIES, "\n".join(sql)


def test_an_easy_read_booklets_first_page_renders_in_a_constant_number_of_queries(client, site_tree):
    patient = make_booklet(site_tree["treatments"], "Understanding chemo", sections=5)
    easy = make_booklet(site_tree["treatments"], "Chemo easy read", sections=12, audience="easy_read")
    ContentVersion.objects.create(original=patient, version=easy, audience="easy_read")
    response, count, sql = render(client, easy.url)
    assert response.status_code == 200
    assert count <= MAX_QUERIES, "\n".join(sql)
