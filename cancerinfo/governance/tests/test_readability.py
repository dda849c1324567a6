"""Readability: reading ages of known sentences, long sentences, plainer-word hints, the editor panel and report."""

import pytest
import textstat

from cancerinfo.booklets.tests.factories import add_section
from cancerinfo.governance import readability
from cancerinfo.governance.models import ReadabilityException, ReadabilityScore

SIMPLE = "The cat sat on the mat. We went to the shop. It was a sunny day."
HARD = (
    "Haematological malignancies necessitate comprehensive multidisciplinary evaluation, incorporating "
    "immunophenotypic characterisation and cytogenetic investigations, prior to commencement of "
    "individualised therapeutic interventions."
)


def test_short_plain_sentences_have_a_low_reading_age():
    result = readability.analyse(SIMPLE)
    assert result.sentences == 3
    assert result.words == 16
    assert result.grade < 1
    assert result.reading_age == pytest.approx(5.0, abs=1)
    assert not result.above_target


def test_long_technical_sentences_have_a_high_reading_age():
    result = readability.analyse(HARD)
    assert result.grade > 20
    assert result.reading_age == pytest.approx(result.grade + 5, abs=0.11)
    assert result.above_target
    assert result.target == 11


def test_the_reading_age_is_the_flesch_kincaid_grade_plus_five():
    # 17 words, 2 sentences, 28 syllables: 0.39 × 8.5 + 11.8 × 28/17 − 15.59 = 7.2, so a reading age of 12.2
    text = "Chemotherapy uses drugs to destroy cancer cells. You usually have it as a drip into a vein."
    result = readability.analyse(text)
    assert (result.words, result.sentences) == (17, 2)
    syllables = textstat.syllable_count(text)
    expected = 0.39 * 17 / 2 + 11.8 * syllables / 17 - 15.59
    assert result.grade == pytest.approx(expected, abs=0.11)
    assert result.reading_age == pytest.approx(expected + 5, abs=0.11)


def test_sentences_over_25_words_are_listed():
    long = " ".join(["word"] * 30) + "."
    result = readability.analyse(f"A short one. {long} Another short one.")
    assert result.long_sentences == [long]
    assert readability.analyse(" ".join(["word"] * 25) + ".").long_sentences == []


def test_plainer_word_hints_find_words_and_their_endings():
    result = readability.analyse(
        "Treatment commenced in May. We will utilise a scan prior to surgery. "
        "Your haematological results are normal. Haematological tests commence soon."
    )
    hints = {hint.word: (hint.plainer, hint.count) for hint in result.plainer_words}
    assert hints["commence"] == ("start", 2)
    assert hints["haematological"] == ("blood", 2)
    assert hints["utilise"] == ("use", 1)
    assert hints["prior to"] == ("before", 1)
    assert "assist" not in hints


def test_the_plainer_word_list_is_a_data_file():
    words = {word: plainer for word, plainer, _pattern in readability.plainer_word_list()}
    assert words["commence"] == "start"
    assert words["haematological"] == "blood"
    assert len(words) > 30


def test_headings_and_list_items_count_as_their_own_sentences():
    text = readability.html_to_text("<h3>Side effects</h3><ul><li>Feeling sick</li><li>Tiredness</li></ul>")
    assert readability.split_sentences(text) == ["Side effects", "Feeling sick", "Tiredness"]


@pytest.mark.django_db
def test_editors_see_the_score_in_the_page_editor(admin_client, booklet):
    section = add_section(booklet, "Hard words", body=f"<p>{HARD}</p><p>We commence treatment soon.</p>")
    response = admin_client.get(f"/admin/pages/{section.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-readability" in html
    assert "Reading age:" in html and "Target: 11 or under" in html
    assert "“commence” → “start”" in html
    assert "Record why this page can be published above the target" in html


@pytest.mark.django_db
def test_publishing_scores_the_page_and_the_report_lists_the_hardest_first(admin_client, booklet):
    easy = add_section(booklet, "Easy words", body=f"<p>{SIMPLE}</p>")
    hard = add_section(booklet, "Hard words", body=f"<p>{HARD}</p>")
    assert ReadabilityScore.objects.get(page_id=hard.pk).reading_age > 11
    assert ReadabilityScore.objects.get(page_id=easy.pk).reading_age < 11
    html = admin_client.get("/admin/governance/readability/").content.decode()
    assert html.index("Hard words") < html.index("Easy words")
    assert "(above target)" in html


@pytest.mark.django_db
def test_the_report_names_each_sections_booklet_and_links_both(admin_client, site_tree):
    from cancerinfo.booklets.tests.factories import make_booklet
    from cancerinfo.questions.models import QuestionPage

    sections = {}
    for title in ("Understanding lung cancer", "Understanding bowel cancer"):
        booklet = make_booklet(site_tree["cancer-types"], title, sections=0)
        sections[title] = (booklet, add_section(booklet, "References", body=f"<p>{HARD}</p>"))
    question = site_tree["questions"].add_child(instance=QuestionPage(title="Is it hard to read?", short_answer=HARD))
    version = question.add_child(
        instance=QuestionPage(title=question.title, slug="professionals", short_answer=HARD, audience="professionals")
    )
    for page in (question, version):
        page.save_revision().publish()

    html = admin_client.get("/admin/governance/readability/").content.decode()
    for title, (booklet, section) in sections.items():
        edit_booklet = f'<a href="/admin/pages/{booklet.pk}/edit/">{title}</a>'
        assert f'{edit_booklet} › <a href="/admin/pages/{section.pk}/edit/">References</a>' in html
    version_link = f'<a href="/admin/pages/{version.pk}/edit/">Is it hard to read?</a>'
    assert f"Is it hard to read?</a> › {version_link} (for health professionals)" in html
    assert (
        f'Questions and answers</a> › <a href="/admin/pages/{question.pk}/edit/">Is it hard to read?</a></td>' in html
    )


@pytest.mark.django_db
def test_a_page_above_target_can_be_published_with_a_reason(admin_client, admin_user, booklet):
    hard = add_section(booklet, "Hard words", body=f"<p>{HARD}</p>")
    url = f"/admin/governance/readability/{hard.pk}/reason/"
    response = admin_client.post(url, {"reason": ""})
    assert response.status_code == 200 and "Enter the reason" in response.content.decode()
    response = admin_client.post(url, {"reason": "The names of blood cancers are needed and explained."})
    assert response.status_code == 302
    recorded = ReadabilityException.objects.get(page=hard)
    assert recorded.user == admin_user and recorded.reading_age > 11
    assert hard.live
    assert (
        "The names of blood cancers are needed" in admin_client.get("/admin/governance/readability/").content.decode()
    )
