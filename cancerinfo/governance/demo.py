"""Demo governance content: a "What's changed" log on each demo booklet, reading-age scores for the report, and the
demo pages reviewed through the real workflow by sample reviewers, so every page's "About this information" says who
reviewed it and when. Sample content written for this project. Safe to run again."""

import contextlib
import datetime

from . import readability, roles
from .models import ChangeLogEntry
from .scoring import score_page

# The current edition's entry takes its label and date from the booklet, which keeps its edition (every view of the
# booklet shows it from there); an earlier edition has its own. Sample entries, the same for every demo booklet.
CURRENT_EDITION_CHANGES = (
    "Sample content. We checked every section with a cancer doctor and a reader who has had cancer. "
    "We made the section on side effects shorter and clearer."
)
# (date, edition, summary)
EARLIER_CHANGES = [
    (
        datetime.date(2023, 2, 14),
        "2nd edition",
        "Sample content. We added a section about feelings and where to get support.",
    ),
]

# The sample people who write and review the demo pages: (username, first name, last name, group). Their surname says
# they are samples; they have no password anyone could type and no e-mail address, so they cannot sign in.
DEMO_EDITOR = ("sample-editor", "Sam", "Sample", roles.EDITORS)
DEMO_REVIEWERS = [
    ("sample-clinical-reviewer", "Rowan", "Sample", roles.CLINICAL_REVIEWERS),
    ("sample-lay-reviewer", "Jess", "Sample", roles.LAY_REVIEWERS),
    ("sample-publisher", "Kit", "Sample", roles.PUBLISHERS),
]
SAMPLE_COMMENT = "Sample review for the demonstration site."

# load_demo_content calls this module's finish() after every other app's: it reviews the pages those make in their
# finish() too (the sample Welsh translations), as it reviews every other page.
FINISH_LAST = True


def load(areas, stdout) -> None:
    from django.apps import apps

    try:
        BookletPage = apps.get_model("booklets", "BookletPage")
    except LookupError:
        return
    entries = 0
    for booklet in BookletPage.objects.all():
        changes = list(EARLIER_CHANGES)
        if booklet.edition and booklet.edition_date:
            changes.insert(0, (booklet.edition_date, booklet.edition, CURRENT_EDITION_CHANGES))
        for date, edition, summary in changes:
            # One entry per edition, moved to the edition's date if the booklet's has changed.
            _entry, created = ChangeLogEntry.objects.update_or_create(
                booklet=booklet, edition=edition, defaults={"date": date, "summary": summary}
            )
            entries += created
    stdout.write(f"Governance: {entries} What's changed entries added")


def finish(areas, stdout) -> None:
    """After every app's demo content exists: review each content page through the workflow, then score it."""
    reviewed = review_demo_pages()
    scored = 0
    for model in readability.scored_models():
        for page in model.objects.live().iterator(chunk_size=200):
            score_page(page)
            scored += 1
    stdout.write(
        f"Governance: {reviewed} pages reviewed through the '{roles.WORKFLOW_NAME}' workflow by sample reviewers; "
        f"{scored} pages scored for readability"
    )


def demo_people() -> tuple:
    """The sample editor and reviewers, created (or put back in their groups) as needed: (editor, [reviewers])."""
    from django.apps import apps as django_apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    if not Group.objects.filter(name=roles.PUBLISHERS).exists():
        roles.setup_editorial_roles(django_apps)
    User = get_user_model()
    people = []
    for username, first_name, last_name, group_name in [DEMO_EDITOR, *DEMO_REVIEWERS]:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first_name, "last_name": last_name, "email": ""}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=group_name))
        people.append(user)
    return people[0], people[1:]


def review_demo_pages() -> int:
    """Submit each live content page that has never been approved to its workflow, and approve every task as the
    sample reviewer of that task's group, as a reviewer does in the admin. The last approval publishes the page."""
    from wagtail.models import WorkflowState

    from .services import content_models

    editor, reviewers = demo_people()
    reviewed = 0
    with _no_workflow_emails():
        for model in content_models():
            for page in model.objects.live().order_by("path"):
                states = WorkflowState.objects.for_instance(page)
                if states.filter(status__in=[WorkflowState.STATUS_APPROVED, WorkflowState.STATUS_IN_PROGRESS]):
                    continue  # reviewed already, or an editor's review is under way: left alone
                workflow = page.get_workflow()
                if workflow is None:
                    continue
                state = workflow.start(page, editor)
                while state.status == WorkflowState.STATUS_IN_PROGRESS:
                    _approve_current_task(state, page, reviewers)
                    state.refresh_from_db()
                reviewed += 1
    return reviewed


def _approve_current_task(state, page, reviewers) -> None:
    task_state = state.current_task_state
    task = task_state.task.specific
    for reviewer in reviewers:
        # The admin offers "Approve" only to members of the task's groups: the same check picks the reviewer.
        if any(action == "approve" for action, _label, _modal in task.get_actions(page, reviewer)):
            task.on_action(task_state, reviewer, "approve", comment=SAMPLE_COMMENT)
            return
    raise RuntimeError(f"No sample reviewer may approve the task '{task.name}'")


@contextlib.contextmanager
def _no_workflow_emails():
    """Wagtail e-mails a task's group, and superusers, at each step. Nobody needs those about sample reviews."""
    from wagtail.admin import signal_handlers as notifiers
    from wagtail.models import TaskState, WorkflowState
    from wagtail.signals import task_submitted, workflow_approved, workflow_submitted

    # (signal, sender, receiver, dispatch_uid) as wagtail.admin.signal_handlers connects them.
    muted = [
        (
            task_submitted,
            TaskState,
            notifiers.task_submission_email_notifier,
            "group_approval_task_submitted_email_notification",
        ),
        (
            workflow_submitted,
            WorkflowState,
            notifiers.workflow_submission_email_notifier,
            "workflow_state_submitted_email_notification",
        ),
        (
            workflow_approved,
            WorkflowState,
            notifiers.workflow_approval_email_notifier,
            "workflow_state_approved_email_notification",
        ),
    ]
    disconnected = [entry for entry in muted if entry[0].disconnect(entry[2], sender=entry[1], dispatch_uid=entry[3])]
    try:
        yield
    finally:
        for signal, sender, receiver, uid in disconnected:
            signal.connect(receiver, sender=sender, dispatch_uid=uid)
