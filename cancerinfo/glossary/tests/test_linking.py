"""The first use of each glossary word on a page is linked to its definition, at render time."""

import re
from types import SimpleNamespace

import pytest
from django.test import RequestFactory

from cancerinfo.glossary import services
from cancerinfo.glossary.linking import link_glossary_terms
from cancerinfo.glossary.models import Term

pytestmark = pytest.mark.django_db

PAGE = SimpleNamespace(pk=7, link_glossary_terms=True)


def make(term, definition="A made-up definition.", **fields):
    return Term.objects.create(term=term, definition=definition, **fields)


def linked_words(html: str) -> list[str]:
    return re.findall(r'<a class="glossary-term__link" href="[^"]*">([^<]*)</a>', html)


def link(html: str, page=PAGE, request=None) -> str:
    return link_glossary_terms(html, page=page, request=request)


def test_links_only_the_first_use_of_a_term():
    make("osteoclast")
    html = link("<p>An osteoclast breaks bone down.</p><p>Each osteoclast is a cell.</p>")
    assert linked_words(html) == ["osteoclast"]
    assert html.count('href="/glossary/osteoclast/"') == 1
    assert html.count("osteoclast is a cell") == 1  # the second use is left as it was


def test_the_link_goes_to_the_term_page_and_carries_an_inline_definition():
    make("osteoclast", "A cell that breaks down bone.", pronunciation="os-tee-oh-klast")
    html = link("<p>Osteoclasts break bone down.</p>")
    assert '<a class="glossary-term__link" href="/glossary/osteoclast/">Osteoclasts</a>' in html
    assert 'popovertarget="glossary-7-osteoclast"' in html
    assert 'id="glossary-7-osteoclast" popover' in html
    assert "A cell that breaks down bone." in html
    assert "(os-tee-oh-klast)" in html
    assert "What does osteoclast mean?" in html  # the button's accessible name


def test_longest_match_wins():
    make("bone")
    make("bone marrow")
    html = link("<p>Cells in the bone marrow, and later the bone itself.</p>")
    assert linked_words(html) == ["bone marrow", "bone"]
    assert 'href="/glossary/bone-marrow/"' in html


def test_longest_match_wins_whatever_order_terms_were_added():
    make("bone marrow")
    make("bone")
    make("bone marrow transplant")
    html = link("<p>A bone marrow transplant.</p>")
    assert linked_words(html) == ["bone marrow transplant"]


def test_matching_ignores_case():
    make("bone marrow")
    make("Hodgkin lymphoma")
    html = link("<p>BONE MARROW tests for hodgkin LYMPHOMA.</p>")
    assert linked_words(html) == ["BONE MARROW", "hodgkin LYMPHOMA"]


def test_plural_forms_are_found():
    make("osteoclast")
    make("metastasis")
    make("lymph node")
    make("biopsy")
    html = link("<p>Osteoclasts, metastases, lymph nodes and biopsies.</p>")
    assert linked_words(html) == ["Osteoclasts", "metastases", "lymph nodes", "biopsies"]


def test_a_word_inside_a_longer_word_is_not_linked():
    make("bone")
    make("cancer")
    html = link("<p>Trombones, osteoclastic bones? Non-cancerous and anticancer.</p>")
    assert linked_words(html) == ["bones"]


def test_british_and_american_spellings_both_link():
    make("haemoglobin")
    make("tumor")
    make("hypercalcaemia")
    html = link("<p>Hemoglobin is low. A tumour. Hypercalcemia.</p>")
    assert linked_words(html) == ["Hemoglobin", "tumour", "Hypercalcemia"]
    assert 'href="/glossary/haemoglobin/"' in html
    assert 'href="/glossary/tumor/"' in html


def test_other_names_link_to_the_term():
    make("spinal cord compression", other_names="MSCC, metastatic spinal cord compression")
    html = link("<p>Doctors call it MSCC.</p>")
    assert linked_words(html) == ["MSCC"]
    assert 'href="/glossary/spinal-cord-compression/"' in html


def test_an_acronym_only_matches_in_capitals():
    make("ALL", "Acute lymphoblastic leukaemia.")
    html = link("<p>Not all leukaemias are ALL.</p>")
    assert linked_words(html) == ["ALL"]


def test_no_links_inside_headings_links_code_buttons_or_attributes():
    make("osteoclast")
    source = (
        "<h2>Osteoclast</h2><h3 class='osteoclast'>About the osteoclast</h3>"
        '<p><a href="/osteoclast/" title="osteoclast">osteoclast link</a> <code>osteoclast</code>'
        "<button>osteoclast</button> <img alt=\"an osteoclast\" src='osteoclast.png'></p>"
        '<p data-note="osteoclast > bone">The osteoclast in text.</p>'
    )
    html = link(source)
    assert linked_words(html) == ["osteoclast"]
    assert html.count("glossary-term__link") == 1
    # Everything before the plain-text use is untouched, attributes included.
    untouched = source.split("The osteoclast in text.")[0]
    assert html.startswith(untouched), html
    assert "<h2>Osteoclast</h2>" in html
    assert 'title="osteoclast"' in html and 'alt="an osteoclast"' in html


def test_a_term_first_used_in_a_heading_is_linked_at_its_first_use_in_text():
    make("radiotherapy")
    html = link("<h2>Radiotherapy</h2><p>You may have radiotherapy.</p>")
    assert "<h2>Radiotherapy</h2>" in html
    assert linked_words(html) == ["radiotherapy"]


def test_html_in_definitions_is_escaped():
    make(
        "osteoclast",
        '<script>alert("x")</script> & <b>bold</b>',
        pronunciation="<i>os</i>",
        other_names="",
    )
    html = link("<p>An osteoclast.</p>")
    assert "<script>" not in html and "<b>bold</b>" not in html and "<i>os</i>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html


def test_switching_off_for_a_page_leaves_the_html_alone():
    make("osteoclast")
    source = "<p>An osteoclast.</p>"
    assert link(source, page=SimpleNamespace(pk=1, link_glossary_terms=False)) == source
    assert link(source, page=None) == source


def test_terms_switched_off_in_the_glossary_are_not_linked():
    make("cancer", link_in_pages=False)
    make("osteoclast")
    html = link("<p>Cancer and osteoclasts.</p>")
    assert linked_words(html) == ["osteoclasts"]


def test_each_term_is_linked_once_per_page_across_several_streams():
    make("osteoclast")
    request = RequestFactory().get("/")
    first = link("<p>An osteoclast.</p>", request=request)
    second = link("<p>Another osteoclast.</p>", request=request)
    other_page = link("<p>An osteoclast.</p>", page=SimpleNamespace(pk=8, link_glossary_terms=True), request=request)
    assert linked_words(first) == ["osteoclast"]
    assert linked_words(second) == []
    assert linked_words(other_page) == ["osteoclast"]


def test_the_stylesheet_is_included_once_per_page():
    make("osteoclast")
    make("osteoblast")
    request = RequestFactory().get("/")
    first = link("<p>An osteoclast.</p>", request=request)
    second = link("<p>An osteoblast.</p>", request=request)
    assert first.count("glossary/glossary.css") == 1
    assert "glossary.css" not in second


def test_the_matcher_is_built_once_per_glossary_change(django_assert_num_queries):
    make("osteoclast")
    link("<p>An osteoclast.</p>")
    matcher = services.get_matcher()
    with django_assert_num_queries(0):
        for _ in range(3):
            link("<p>An osteoclast.</p>")
    assert services.get_matcher() is matcher
    make("osteoblast")
    assert services.get_matcher() is not matcher
    assert linked_words(link("<p>An osteoblast.</p>")) == ["osteoblast"]


def test_deleting_or_editing_a_term_updates_linking():
    term = make("osteoclast")
    assert linked_words(link("<p>An osteoclast.</p>")) == ["osteoclast"]
    term.other_names = "bone-eating cell"
    term.save()
    assert linked_words(link("<p>A bone-eating cell.</p>")) == ["bone-eating cell"]
    term.delete()
    assert linked_words(link("<p>An osteoclast.</p>")) == []


def test_the_link_uses_the_glossary_page_address(site_tree):
    make("osteoclast")
    html = link("<p>An osteoclast.</p>")
    assert f'href="{site_tree["glossary"].url}osteoclast/"' in html


def test_the_processor_is_registered_in_settings(settings):
    assert "cancerinfo.glossary.linking.link_glossary_terms" in settings.CONTENT_HTML_PROCESSORS


def test_a_published_booklet_section_links_terms_and_editors_can_switch_it_off(site_tree, client):
    from cancerinfo.booklets.models import BookletPage, BookletSectionPage

    make("osteoclast", "A bone cell.")
    booklet = site_tree["cancer-types"].add_child(instance=BookletPage(title="Bones", slug="bones"))
    section = booklet.add_child(
        instance=BookletSectionPage(
            title="About bones", slug="about", body=[("paragraph", "<h3>Osteoclasts</h3><p>Osteoclasts eat bone.</p>")]
        )
    )
    html = client.get(section.url).content.decode()
    assert linked_words(html) == ["Osteoclasts"]
    assert "<h3>Osteoclasts</h3>" in html
    section.link_glossary_terms = False
    section.save_revision().publish()
    assert linked_words(client.get(section.url).content.decode()) == []
