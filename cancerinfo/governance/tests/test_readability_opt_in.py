"""Readability scoring by opt-in: a page type declares core.readability.ReadabilityScored and names its text fields;
governance scores exactly those page types, reads exactly those fields, and fills the panel they list."""

import pytest
from django.utils.html import format_html
from wagtail import hooks

from cancerinfo.booklets.models import BookletSectionPage
from cancerinfo.core.readability import READABILITY_PANEL_HOOK, ReadabilityPanel
from cancerinfo.governance import readability, scoring
from cancerinfo.governance.models import ReadabilityScore

pytestmark = pytest.mark.django_db


def test_the_page_types_that_declare_it_are_scored_and_no_others():
    from cancerinfo.questions.models import QuestionPage

    assert set(readability.scored_models()) == {BookletSectionPage, QuestionPage}


def test_the_page_type_names_the_text_that_is_scored(site_tree):
    from cancerinfo.questions.models import QuestionPage

    question = QuestionPage(
        title="Can I work during treatment?",
        short_answer="Many people keep working.",
        detail=[("paragraph", "<p>Talk to your employer about shorter days.</p>")],
        seo_title="Occupational health referral prior to commencement of treatment",
    )
    text = readability.page_text(question)
    assert text.splitlines() == [
        "Can I work during treatment?",
        "Many people keep working.",
        "Talk to your employer about shorter days.",
    ]


def test_a_page_type_that_does_not_declare_it_is_not_scored(booklet):
    booklet.save_revision().publish()
    section = booklet.get_children().first()
    section.specific.save_revision().publish()
    assert ReadabilityScore.objects.filter(page_id=section.pk).exists()
    assert not ReadabilityScore.objects.filter(page_id=booklet.pk).exists()
    assert scoring.score_page(booklet) is None


def test_the_panel_shows_what_the_scoring_app_gives_it(admin_client, booklet):
    section = booklet.get_children().first()

    def another_reading(page):
        return format_html("<p data-another-reading>{} read again</p>", page.title)

    with hooks.register_temporarily(READABILITY_PANEL_HOOK, another_reading):
        html = admin_client.get(f"/admin/pages/{section.pk}/edit/").content.decode()
    assert "data-readability" in html  # governance's own
    assert f"<p data-another-reading>{section.title} read again</p>" in html


def test_without_an_app_that_scores_the_panel_is_not_shown(admin_client, booklet, monkeypatch):
    section = booklet.get_children().first()
    get_hooks = hooks.get_hooks
    monkeypatch.setattr(hooks, "get_hooks", lambda name: [] if name == READABILITY_PANEL_HOOK else get_hooks(name))
    response = admin_client.get(f"/admin/pages/{section.pk}/edit/")
    assert response.status_code == 200
    assert "data-readability" not in response.content.decode()
    panel = ReadabilityPanel().bind_to_model(BookletSectionPage)
    assert not panel.get_bound_panel(instance=section.specific, request=response.wsgi_request).is_shown()
