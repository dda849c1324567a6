""" "Listen to this page" is on every content page (booklets, their sections, questions, glossary terms), inside the
page's article, and is sent hidden: only listen.js shows it, where the browser can speak (test_browser_listen.py)."""

import re

import pytest

from cancerinfo.booklets.tests.factories import make_booklet
from cancerinfo.glossary.models import Term
from cancerinfo.questions.models import QuestionPage

pytestmark = pytest.mark.django_db

# The opening tag, then the words the control shows and says (data-listen-label-*, data-listen-say-*).
CONTROL = re.compile(r'<div class="listen" data-listen role="group" aria-labelledby="listen-heading" hidden\b[^>]*>')


def pages(site_tree) -> dict[str, str]:
    booklet = make_booklet(site_tree["cancer-types"], "Understanding listening", sections=2)
    question = site_tree["questions"].add_child(instance=QuestionPage(title="Can I listen?", short_answer="Yes."))
    question.save_revision().publish()
    term = Term.objects.create(term="osteoclast", slug="osteoclast", definition="A bone cell.")
    return {
        "booklet": booklet.url,
        "section": booklet.get_children().first().url,
        "question": question.url,
        "glossary term": site_tree["glossary"].url + term.slug + "/",
    }


def test_content_pages_carry_the_hidden_control_and_its_script_from_the_site(client, site_tree):
    for kind, url in pages(site_tree).items():
        html = client.get(url).content.decode()
        assert len(CONTROL.findall(html)) == 1, kind
        article = html[html.index("<article") : html.index("</article>")]
        assert "data-listen" in article, f"{kind}: the control reads the article it is in"
        assert re.search(
            r'<script src="/static/js/listen\.[0-9a-f.]*js" defer></script>|<script src="/static/js/listen.js" defer>',
            html,
        ), kind
        assert "<script>" not in html, f"{kind}: no inline script (Content-Security-Policy)"


def test_pages_that_are_not_content_have_no_control(client, site_tree):
    for url in ("/", site_tree["contact-us"].url, "/search/"):
        assert "data-listen" not in client.get(url).content.decode(), url
