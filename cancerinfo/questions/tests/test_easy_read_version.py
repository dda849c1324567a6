"""A question can have an easy-read version, as it can have one for health professionals: a question page under it
with the easy-read audience. The switch leads both ways, and the easy-read answer has the easy-read layout."""

import pytest

from cancerinfo.core.demo_pictures import demo_picture
from cancerinfo.questions.models import QuestionPage
from cancerinfo.versions.models import ContentVersion

pytestmark = pytest.mark.django_db


def test_a_question_and_its_easy_read_version_switch_to_each_other(client, make_question, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    question = make_question("What is chemotherapy?")
    easy = question.add_child(
        instance=QuestionPage(
            title="What is chemotherapy?",
            slug="easy-read",
            audience="easy_read",
            short_answer="Chemotherapy is a medicine for cancer.",
            detail=[
                (
                    "idea",
                    {
                        "picture": demo_picture("medicine"),
                        "alt_text": "Two tablets next to a glass of water.",
                        "text": "Chemo is a medicine. It kills cancer cells.",
                    },
                )
            ],
        )
    )
    easy.save_revision().publish()
    assert ContentVersion.objects.get(version=easy).audience == "easy_read"  # written when the version was saved

    original = client.get(question.url).content.decode()
    assert f'<a href="{easy.url}">Easy read</a>' in original
    html = client.get(easy.url).content.decode()
    assert '<span aria-current="page">Easy read</span>' in html
    assert f'<a href="{question.url}">For patients</a>' in html
    assert '<body class="easy-read">' in html and "css/easy-read.css" in html
    assert '<p class="question__kicker">Easy read</p>' in html
    assert 'alt="Two tablets next to a glass of water."' in html
    assert "<p>Chemo is a medicine.</p><p>It kills cancer cells.</p>" in html
