"""With all 729 real questions loaded, a question page and the indexes still take a small, fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cancerinfo.questions.importer import QuestionImporter, xml_files
from cancerinfo.questions.models import QuestionPage

MAX_QUERIES_PER_PAGE = 25


@pytest.mark.django_db
def test_all_729_questions_import_and_pages_render_in_bounded_queries(
    client, questions_index, real_data, django_assert_max_num_queries
):
    report = QuestionImporter().run(xml_files(real_data))
    assert report.created == 729 and not report.skipped_files
    assert QuestionPage.objects.live().count() == 729
    assert QuestionPage.objects.values("source_qid").distinct().count() == 729

    # Every imported answer is valid for the editor: an editor can open and publish it unchanged.
    stream_block = QuestionPage._meta.get_field("detail").stream_block
    for page in QuestionPage.objects.all():
        stream_block.clean(page.detail)

    again = QuestionImporter().run(xml_files(real_data))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 729)

    pages = list(QuestionPage.objects.order_by("path")[::150])
    client.get(pages[0].url)  # warm the per-process caches, as a running site has them
    counts = []
    for page in pages:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert max(counts) <= MAX_QUERIES_PER_PAGE, counts
    for url in [
        "/questions/",
        "/questions/?page=20",
        "/questions/topic/treatment/",
        "/questions/cancer-type/adult-acute-lymphoblastic-leukaemia/",
    ]:
        with django_assert_max_num_queries(MAX_QUERIES_PER_PAGE):
            assert client.get(url).status_code == 200
