"""A page walks Draft → Clinical review → Lay review → Publish, and the approvals show on the page."""

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import WorkflowState

from cancerinfo.booklets.tests.factories import add_section
from cancerinfo.governance import roles
from cancerinfo.governance.services import approvals

pytestmark = pytest.mark.django_db


def approve_current_task(state, user):
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.user_can_access_editor(state.content_object, user)
    task.on_action(task_state, user, "approve", comment="Checked")
    state.refresh_from_db()
    return task.name


def test_a_section_goes_through_clinical_and_lay_review_then_is_published(client, make_user, booklet):
    editor = make_user("eddie", roles.EDITORS, "Eddie", "Writer", "eddie@example.org")
    clinician = make_user("cara", roles.CLINICAL_REVIEWERS, "Cara", "Jones", "cara@example.org")
    lay_reader = make_user("lee", roles.LAY_REVIEWERS, "Lee", "Smith", "lee@example.org")
    publisher = make_user("pat", roles.PUBLISHERS, "Pat", "Brown", "pat@example.org")

    section = add_section(booklet, "Who gets bowel cancer", body="<p>First draft.</p>", live=False)
    section.body = [("paragraph", "<p>Bowel cancer is more common in older people.</p>")]
    section.save_revision(user=editor)
    assert not section.permissions_for_user(editor).can_publish()

    state = section.get_workflow().start(section, editor)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.name == "Clinical review"
    # The next group hears about it by Wagtail's own email notifications.
    assert any("cara@example.org" in message.to for message in mail.outbox)

    # People outside the task's group cannot approve it.
    assert not state.current_task_state.task.specific.user_can_access_editor(section, lay_reader)
    assert approve_current_task(state, clinician) == "Clinical review"
    assert state.current_task_state.task.name == "Lay review"
    assert approve_current_task(state, lay_reader) == "Lay review"
    assert state.current_task_state.task.name == "Publish"
    section.refresh_from_db()
    assert not section.live
    assert approve_current_task(state, publisher) == "Publish"

    assert state.status == WorkflowState.STATUS_APPROVED
    section.refresh_from_db()
    assert section.live

    recorded = approvals(section)
    assert [(a.name, a.role) for a in recorded] == [
        ("Cara Jones", "Clinical reviewer"),
        ("Lee Smith", "Lay reviewer"),
        ("Pat Brown", "Publisher"),
    ]
    today = timezone.localdate().strftime("%-d %B %Y")
    html = client.get(section.url).content.decode()
    assert "About this information" in html
    assert (
        f'Reviewed by Cara Jones, Clinical reviewer, <time datetime="{timezone.localdate():%Y-%m-%d}">{today}</time>'
        in html
    )
    assert "Reviewed by Lee Smith, Lay reviewer" in html
    assert "Approved for publication by Pat Brown, Publisher" in html


def test_a_rejected_page_is_not_published_and_shows_no_approvals(make_user, booklet):
    editor = make_user("eddie", roles.EDITORS)
    clinician = make_user("cara", roles.CLINICAL_REVIEWERS, "Cara", "Jones")
    section = add_section(booklet, "Draft section", live=False)
    section.save_revision(user=editor)
    state = section.get_workflow().start(section, editor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, clinician, "reject", comment="Needs a source")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    section.refresh_from_db()
    assert not section.live
    assert approvals(section) == []


def test_a_section_shows_its_booklets_references(client, site_tree):
    from cancerinfo.booklets.tests.factories import make_booklet

    booklet = make_booklet(
        site_tree["cancer-types"],
        "Understanding lung cancer",
        sections=1,
        references=[
            (
                "reference",
                {"title": "Lung cancer: diagnosis and management", "source": "NICE", "year": 2024, "url": ""},
            )
        ],
    )
    section = booklet.get_children().first()
    html = client.get(section.url).content.decode()
    assert "Lung cancer: diagnosis and management" in html
    assert html.count("About this information") == 1


def test_comments_are_on_in_the_editor(settings):
    assert settings.WAGTAILADMIN_COMMENTS_ENABLED is True
