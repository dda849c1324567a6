"""Plain functions the views, tags and commands share: approvals, review dates, feedback."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone

from .roles import ROLE_NAMES

REVIEW_WARNING_DAYS = 90


# --- Approvals -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Approval:
    name: str
    role: str
    task: str
    date: datetime.date


def _display_name(user) -> str:
    if user is None:
        return "a reviewer"
    return user.get_full_name().strip() or user.get_username()


def approvals(page) -> list[Approval]:
    """Who approved each step of the page's latest finished workflow, in order. Kept under the page's live
    revision: a finished workflow publishes a new one, so the list read for a revision never goes out of date."""
    from django.core.cache import cache

    if page is None or not getattr(page, "pk", None):
        return []
    key = f"approvals:{page.pk}:{getattr(page, 'live_revision_id', None)}"
    found = cache.get(key)
    if found is None:
        found = _approvals(page)
        cache.set(key, found, 24 * 60 * 60)
    return found


def _approvals(page) -> list[Approval]:
    from wagtail.models import TaskState, WorkflowState

    state = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_APPROVED)
        .order_by("-created_at")
        .first()
    )
    if state is None:
        return []
    task_states = (
        TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_APPROVED)
        .select_related("finished_by", "task")
        .prefetch_related("task__groupapprovaltask__groups")
        .order_by("started_at")
    )
    result = []
    for task_state in task_states:
        role = ""
        task = getattr(task_state.task, "groupapprovaltask", None)
        if task is not None:
            for group in task.groups.all():
                role = ROLE_NAMES.get(group.name, group.name)
                break
        finished = task_state.finished_at or task_state.started_at
        result.append(
            Approval(
                name=_display_name(task_state.finished_by),
                role=role or task_state.task.name,
                task=task_state.task.name,
                date=timezone.localdate(finished),
            )
        )
    return result


# --- Review dates ----------------------------------------------------------------------------------------------------


def reviewed_object(page):
    """The page whose review dates apply: a section follows its booklet; pages without dates have none."""
    if page is None:
        return None
    page = getattr(page, "specific", page)
    if hasattr(page, "next_review_due"):
        return page
    parent = page.get_parent() if getattr(page, "depth", 0) > 1 else None
    parent = parent.specific if parent is not None else None
    if parent is not None and hasattr(parent, "next_review_due"):
        return parent
    return None


def reviewed_models() -> list:
    """Every page type that carries review dates (ReviewDatesMixin)."""
    from wagtail.models import get_page_models

    return [m for m in get_page_models() if hasattr(m, "next_review_due") and not m._meta.abstract]


@dataclass(frozen=True)
class ReviewItem:
    page: object
    owner: object
    last_reviewed: datetime.date | None
    next_review_due: datetime.date
    overdue: bool

    @property
    def owner_name(self) -> str:
        return _display_name(self.owner) if self.owner else "No owner"

    @property
    def days(self) -> int:
        return (self.next_review_due - timezone.localdate()).days

    @property
    def days_overdue(self) -> int:
        return max(-self.days, 0)


def review_due(today: datetime.date | None = None, within_days: int = REVIEW_WARNING_DAYS) -> list[ReviewItem]:
    """Live pages overdue for review or due within `within_days`, grouped by owner, most overdue first."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=within_days)
    items = []
    for model in reviewed_models():
        pages = model.objects.live().filter(next_review_due__lte=horizon).select_related("owner")
        for page in pages:
            items.append(
                ReviewItem(page, page.owner, page.last_reviewed, page.next_review_due, page.next_review_due < today)
            )
    items.sort(key=lambda item: (item.owner_name.lower(), item.next_review_due, item.page.title))
    return items


def content_models() -> list:
    """The page types that go through review and show "About this information": those with review dates (booklets,
    answers) and those read as running text (sections, answers; core.readability.ReadabilityScored)."""
    from .readability import scored_models

    found = reviewed_models()
    return found + [model for model in scored_models() if model not in found]


def by_owner(items: list[ReviewItem]) -> list[tuple[object, list[ReviewItem]]]:
    groups: dict = {}
    for item in items:
        groups.setdefault(item.owner_name, (item.owner, []))[1].append(item)
    return [(owner, listed) for _name, (owner, listed) in groups.items()]


# --- Feedback --------------------------------------------------------------------------------------------------------


def feedback_summary():
    """Feedback counts per page, most 'No' answers first."""
    from django.db.models import Count, Max, Q

    from .models import Feedback

    return (
        Feedback.objects.values("page_id", "page__title", "page__url_path")
        .annotate(
            yes=Count("pk", filter=Q(helpful=True)),
            no=Count("pk", filter=Q(helpful=False)),
            comments=Count("pk", filter=~Q(comment="")),
            latest=Max("created"),
        )
        .order_by("-no", "-latest")
    )


def parents(pages) -> dict:
    """Each page's parent by the page's id, in one query: a section's booklet, an answer's index. Many booklets have
    a section called "References", so a section is only known by its booklet."""
    from wagtail.models import Page

    parent_paths = {page.pk: page.path[: -Page.steplen] for page in pages if page.depth > 1}
    found = {page.path: page for page in Page.objects.filter(path__in=set(parent_paths.values())).only("title", "path")}
    return {pk: found[path] for pk, path in parent_paths.items() if path in found}


def audience_notes(pages) -> dict:
    """ "for health professionals" by page id, for pages written for an audience other than patients (a version of a
    page has its original's title). One query per page type."""
    from wagtail.models import Page

    notes = {}
    for page in Page.objects.filter(pk__in=[page.pk for page in pages]).specific():
        if getattr(page, "for_professionals", False):
            notes[page.pk] = f"for {page.get_audience_display().lower()}"
    return notes


def booklet_model():
    try:
        return apps.get_model("booklets", "BookletPage")
    except LookupError:
        return None
