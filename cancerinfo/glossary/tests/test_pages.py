"""The glossary's pages: the A–Z with letters, search and paging, and a page per term at a stable address."""

import pytest

from cancerinfo.glossary import services
from cancerinfo.glossary.models import Term

pytestmark = pytest.mark.django_db


@pytest.fixture
def glossary(site_tree):
    return site_tree["glossary"]


def make_terms(names):
    for name in names:
        Term.objects.create(term=name, definition=f"What {name} means.")


def test_the_glossary_is_in_the_cancer_information_navigation(glossary, client):
    assert glossary.url == "/glossary/"
    response = client.get("/")
    assert b'href="/glossary/"' in response.content


def test_a_to_z_lists_terms_alphabetically_with_definitions(glossary, client):
    make_terms(["osteoclast", "Bisphosphonate", "anaemia"])
    response = client.get(glossary.url)
    assert response.status_code == 200
    content = response.content.decode()
    positions = [content.index(f">{name}</a>") for name in ("anaemia", "Bisphosphonate", "osteoclast")]
    assert positions == sorted(positions)
    assert "What osteoclast means." in content


def test_words_starting_with_numbers_come_after_z(glossary, client):
    make_terms(["5-FU", "zoledronic acid", "anaemia"])
    content = client.get(glossary.url).content.decode()
    assert content.index(">anaemia</a>") < content.index(">zoledronic acid</a>") < content.index(">5-FU</a>")


def test_letters_without_terms_are_shown_but_not_links(glossary, client):
    make_terms(["osteoclast", "bone"])
    content = client.get(glossary.url).content.decode()
    assert 'href="/glossary/?letter=O"' in content
    assert 'href="/glossary/?letter=B"' in content
    assert 'href="/glossary/?letter=Z"' not in content
    assert '<span class="letters__empty" aria-disabled="true"><span aria-hidden="true">Z</span>' in content


def test_a_letter_shows_only_its_terms(glossary, client):
    make_terms(["osteoclast", "osteoblast", "bone", "3D conformal radiotherapy"])
    content = client.get(glossary.url, {"letter": "o"}).content.decode()
    assert "Words starting with O" in content
    assert ">osteoblast</a>" in content and ">osteoclast</a>" in content
    assert ">bone</a>" not in content
    assert 'aria-current="page"' in content
    numbers = client.get(glossary.url, {"letter": "0-9"}).content.decode()
    assert ">3D conformal radiotherapy</a>" in numbers


def test_a_to_z_is_paged(glossary, client):
    count = services.TERMS_PER_PAGE + 5
    make_terms([f"word{n:03d}" for n in range(count)])
    first = client.get(glossary.url, {"letter": "W"}).content.decode()
    assert f"{count} words, showing 1 to {services.TERMS_PER_PAGE}" in first
    assert ">word000</a>" in first and ">word049</a>" in first and ">word050</a>" not in first
    assert 'href="?letter=W&amp;page=2"' in first
    second = client.get(glossary.url, {"letter": "W", "page": "2"}).content.decode()
    assert ">word050</a>" in second and ">word054</a>" in second and ">word000</a>" not in second
    assert "Page 2 of 2" in second
    assert 'href="?letter=W&amp;page=1"' in second


@pytest.mark.parametrize("page", ["999", "-1", "abc", "2.5", ""])
def test_odd_page_numbers_show_a_real_page(glossary, client, page):
    make_terms(["osteoclast"])
    response = client.get(glossary.url, {"page": page})
    assert response.status_code == 200
    assert b">osteoclast</a>" in response.content


def test_search_finds_terms_by_name_and_other_spelling(glossary, client):
    Term.objects.create(term="haemoglobin", definition="Carries oxygen.", other_names="Hb")
    Term.objects.create(term="bone marrow", definition="Inside bones.")
    content = client.get(glossary.url, {"q": "hemoglobin"}).content.decode()
    assert ">haemoglobin</a>" in content and ">bone marrow</a>" not in content
    assert "Words matching “hemoglobin”" in content
    assert ">bone marrow</a>" in client.get(glossary.url, {"q": "MARROW"}).content.decode()


def test_search_puts_exact_matches_first(glossary, client):
    make_terms(["bone marrow transplant", "bone", "bone scan"])
    content = client.get(glossary.url, {"q": "bone"}).content.decode()
    assert content.index(">bone</a>") < content.index(">bone marrow transplant</a>")


def test_search_with_no_results_says_so(glossary, client):
    make_terms(["osteoclast"])
    content = client.get(glossary.url, {"q": "zzzz"}).content.decode()
    assert "We found no words matching “zzzz”" in content


@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": "   "}, "Enter a word to search for"),
        ({"q": "x" * 101}, "Enter 100 characters or fewer"),
        ({"letter": "<script>"}, "Choose a letter from A to Z"),
        ({"letter": "AB"}, "Choose a letter from A to Z"),
    ],
)
def test_bad_input_gets_an_error_summary_not_a_crash(glossary, client, params, message):
    response = client.get(glossary.url, params)
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert message in content
    assert 'href="#glossary-' in content  # the summary links to the field
    # What was typed is never put back into the page raw.
    assert "<script>" not in content.split("<main", 1)[1]


def test_search_form_works_without_javascript(glossary, client):
    content = client.get(glossary.url).content.decode()
    assert 'method="get"' in content and '<label for="glossary-q">' in content and 'name="q"' in content


def test_each_term_has_its_own_page(glossary, client):
    Term.objects.create(
        term="osteoclast",
        definition="A cell that breaks down bone.",
        pronunciation="os-tee-oh-klast",
        other_names="osteoclasts (plural)",
        explanation="<p>More about it.</p>",
    )
    response = client.get("/glossary/osteoclast/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<h1>osteoclast</h1>" in content
    assert "os-tee-oh-klast" in content and "A cell that breaks down bone." in content and "More about it." in content
    assert client.get("/glossary/no-such-word/").status_code == 404


def test_an_imported_term_page_credits_the_source(glossary, client):
    Term.objects.create(
        term="burr hole",
        definition="A small hole.",
        source_id="CDR1",
        attribution="Definition from the NCI Dictionary of Cancer Terms",
        source_definition="A small hole.",
    )
    content = client.get("/glossary/burr-hole/").content.decode()
    assert "Definition from the NCI Dictionary of Cancer Terms" in content


def test_term_pages_take_a_constant_number_of_queries(glossary, client, django_assert_max_num_queries, settings):
    make_terms([f"word{n}" for n in range(5)])
    client.get("/glossary/word1/")  # warm caches (navigation, settings)
    with django_assert_max_num_queries(25) as term_page:
        response = client.get("/glossary/word2/")
    assert response.status_code == 200 and "What word2 means." in response.content.decode()
    with django_assert_max_num_queries(25) as letter_page:
        response = client.get("/glossary/?letter=W")
    assert response.status_code == 200 and "What word4 means." in response.content.decode()
    make_terms([f"word{n}" for n in range(5, 50)])
    with django_assert_max_num_queries(len(term_page.captured_queries)):
        response = client.get("/glossary/word40/")
    assert response.status_code == 200 and "What word40 means." in response.content.decode()
    with django_assert_max_num_queries(len(letter_page.captured_queries)):
        response = client.get("/glossary/?letter=W")
    assert response.status_code == 200 and "What word1 means." in response.content.decode()


def test_term_page_lists_booklet_sections_that_use_the_word(site_tree, client):
    from cancerinfo.booklets.models import BookletPage, BookletSectionPage

    Term.objects.create(term="osteoclast", definition="A cell that breaks down bone.")
    booklet = site_tree["cancer-types"].add_child(instance=BookletPage(title="Bone booklet", slug="bone-booklet"))
    uses = booklet.add_child(
        instance=BookletSectionPage(
            title="How bones change", slug="how", body=[("paragraph", "<p>Osteoclasts eat bone.</p>")]
        )
    )
    booklet.add_child(
        instance=BookletSectionPage(title="Other", slug="other", body=[("paragraph", "<p>Nothing here.</p>")])
    )
    usage = services.term_usage(Term.objects.get(slug="osteoclast"))
    assert [item.title for item in usage["booklets"]] == ["How bones change"]
    assert usage["booklets"][0].context == "Bone booklet"
    content = client.get("/glossary/osteoclast/").content.decode()
    assert f'href="{uses.url}"' in content and "Bone booklet: How bones change" in content


def test_term_page_lists_answers_that_use_the_word(site_tree):
    from cancerinfo.questions.models import QuestionIndexPage, QuestionPage

    Term.objects.create(term="bisphosphonate", definition="A drug that protects bones.")
    index = QuestionIndexPage.objects.first() or site_tree["home"].add_child(
        instance=QuestionIndexPage(title="Questions", slug="qs")
    )
    index.add_child(
        instance=QuestionPage(title="What do bisphosphonates do?", slug="what-do-they-do", short_answer="They help.")
    )
    index.add_child(
        instance=QuestionPage(title="Will it hurt?", slug="hurt", short_answer="Bisphosphonates rarely hurt.")
    )
    index.add_child(instance=QuestionPage(title="Other", slug="other", short_answer="Nothing to see."))
    usage = services.term_usage(Term.objects.get(slug="bisphosphonate"))
    assert [item.title for item in usage["questions"]] == ["Will it hurt?"]
