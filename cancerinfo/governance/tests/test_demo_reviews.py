"""The demo's pages are reviewed the way real pages are: sample reviewers approve each one through the "Clinical and
lay review" workflow, so every page that shows "About this information" says who reviewed it and when."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from cancerinfo.governance import demo, roles
from cancerinfo.governance.services import content_models

pytestmark = pytest.mark.django_db

SAMPLE_NAMES = {
    roles.CLINICAL_REVIEWERS: "Rowan Sample",
    roles.LAY_REVIEWERS: "Jess Sample",
    roles.PUBLISHERS: "Kit Sample",
}
DATE = r'<time datetime="\d{4}-\d{2}-\d{2}">\d{1,2} \w+ \d{4}</time>'


@pytest.fixture
def demo_site(site_tree):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return site_tree


def demo_pages() -> list:
    pages = [page for model in content_models() for page in model.objects.live().order_by("path")]
    assert {type(page).__name__ for page in pages} >= {"BookletPage", "BookletSectionPage", "QuestionPage"}
    return pages


@pytest.fixture
def demo_booklets(booklet):
    """A smaller site (a booklet with two sections), reviewed as the demo reviews its pages."""
    demo.finish({}, io.StringIO())
    return booklet


@pytest.mark.timeout(900)  # the whole demo, trials and all: a minute or more on a busy machine
def test_after_the_demo_load_every_page_says_who_reviewed_it_through_the_workflow(client, demo_site):
    pages = demo_pages()
    assert len(pages) > 50
    for page in pages:
        html = client.get(page.url).content.decode()
        with translation.override(page.locale.language_code):  # a Welsh page says it in Welsh
            heading = translation.gettext("About this information")
            reviewed = translation.gettext("Reviewed by %(name)s, %(role)s,")
            approved = translation.gettext("Approved for publication by %(name)s, %(role)s,")
        assert heading in html, page.url
        for role, name in (("Clinical reviewer", "Rowan Sample"), ("Lay reviewer", "Jess Sample")):
            assert re.search(re.escape(reviewed % {"name": name, "role": role}) + f" {DATE}", html), (page.url, role)
        assert re.search(re.escape(approved % {"name": "Kit Sample", "role": "Publisher"}) + f" {DATE}", html), page.url
        assert_reviewed_through_the_workflow(page)


def assert_reviewed_through_the_workflow(page) -> None:
    state = WorkflowState.objects.for_instance(page).get()
    assert state.workflow.name == roles.WORKFLOW_NAME
    assert state.status == WorkflowState.STATUS_APPROVED
    assert state.requested_by.username == demo.DEMO_EDITOR[0]
    task_states = list(TaskState.objects.filter(workflow_state=state).order_by("started_at"))
    assert [t.task.name for t in task_states] == [task for task, _group in roles.WORKFLOW_TASKS]
    for task_state, (_task, group) in zip(task_states, roles.WORKFLOW_TASKS, strict=True):
        assert task_state.status == TaskState.STATUS_APPROVED
        assert task_state.finished_by.get_full_name() == SAMPLE_NAMES[group]
        assert task_state.finished_by.groups.filter(name=group).exists()  # approved by a member of the task's group
    # The last approval published the revision that went through the review: the page readers see.
    page.refresh_from_db()
    assert task_states[-1].revision_id == page.live_revision_id
    # The workflow API logs each step, as the admin does; rows written by hand would have no log.
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {"wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.publish"} <= actions


def test_the_sample_reviewers_cannot_sign_in(demo_booklets):
    usernames = [demo.DEMO_EDITOR[0], *(username for username, *_rest in demo.DEMO_REVIEWERS)]
    people = get_user_model().objects.filter(username__in=usernames)
    assert people.count() == 4
    for person in people:
        assert not person.has_usable_password()
        assert person.email == ""  # so no workflow e-mail goes to them either
        assert person.last_name == "Sample"
        assert not person.is_superuser


def test_loading_again_reviews_nothing_twice(demo_booklets):
    before = WorkflowState.objects.count()
    assert before == 3
    assert demo.review_demo_pages() == 0
    assert WorkflowState.objects.count() == before
