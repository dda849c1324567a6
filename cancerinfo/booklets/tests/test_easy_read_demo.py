"""The demo has an easy-read version of the chemotherapy booklet (booklets/demo/chemotherapy-easy-read/), our own
writing marked as sample content: a picture beside each idea, each picture with alt text, and the switch between it
and the booklet for patients."""

import io

import pytest

from cancerinfo.booklets import demo
from cancerinfo.booklets.models import BookletPage
from cancerinfo.core.blocks import EASY_READ_SENTENCE_WORDS, idea_sentences
from cancerinfo.core.content_files import ContentFile, ContentFileError, body_blocks
from cancerinfo.versions.models import Audience, ContentVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(site_tree, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    demo.load(site_tree, io.StringIO())
    return site_tree


def test_the_demo_has_an_easy_read_version_of_the_chemotherapy_booklet(client, loaded):
    easy = BookletPage.objects.live().get(slug="chemotherapy-easy-read")
    assert easy.audience == Audience.EASY_READ
    assert "not medical advice" in easy.summary
    version = ContentVersion.objects.get(version=easy)
    assert version.audience == Audience.EASY_READ
    assert version.original.slug == "chemotherapy"

    sections = [page.specific for page in easy.get_children().live().order_by("path")]
    assert len(sections) >= 3
    ideas = [block.value for section in sections for block in section.body if block.block_type == "idea"]
    assert len(ideas) >= 9
    for idea in ideas:
        assert idea["picture"] is not None and idea["picture"].file.name.endswith(".png")
        assert len(idea["alt_text"]) > 10
        assert 1 <= len(idea_sentences(idea["text"])) <= 2
        assert all(len(sentence.split()) <= EASY_READ_SENTENCE_WORDS for sentence in idea_sentences(idea["text"]))

    html = client.get(sections[0].url).content.decode()
    assert "This is sample content for a demonstration. It is not medical advice." in html
    assert 'alt="Two tablets next to a glass of water."' in html
    assert f'<a href="{version.original.url}what-is-chemotherapy/">For patients</a>' in html
    original = client.get(f"{version.original.url}what-is-chemotherapy/").content.decode()
    assert f'<a href="{easy.url}what-is-chemotherapy/">Easy read</a>' in original


def test_loading_the_demo_again_makes_no_new_pictures_or_versions(loaded):
    from wagtail.images import get_image_model

    images = get_image_model().objects.count()
    demo.load(loaded, io.StringIO())
    assert get_image_model().objects.count() == images
    assert ContentVersion.objects.filter(audience=Audience.EASY_READ).count() == 1


def content(body: str) -> ContentFile:
    return ContentFile(path=__import__("pathlib").Path("easy.md"), meta={}, body=body, body_line=5)


def test_an_idea_in_a_content_file_names_its_picture_and_alt_text():
    blocks = body_blocks(
        content("::: idea medicine\nalt: Two tablets.\nChemo is a medicine.\nIt kills cancer cells.\n:::")
    )
    assert blocks == [
        (
            "idea",
            {"picture": "medicine", "alt_text": "Two tablets.", "text": "Chemo is a medicine.\nIt kills cancer cells."},
        )
    ]
    with pytest.raises(ContentFileError, match="easy.md:5: an idea's first line is its picture's alt text"):
        body_blocks(content("::: idea medicine\nChemo is a medicine.\n:::"))
    with pytest.raises(ContentFileError, match="one or two short sentences; this one has 3"):
        body_blocks(content("::: idea medicine\nalt: Tablets.\nOne. Two. Three.\n:::"))
