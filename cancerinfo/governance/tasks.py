"""Editorial governance on the worker: readability scores on publish, and the scheduled reminders and link checks."""

import io

from django.core.management import call_command

from cancerinfo.jobs.registry import job
from cancerinfo.jobs.schedules import daily, weekly


@job(retries=2, backoff=60)
def score_page_readability(page_id: int) -> dict:
    """Score a published page's readability"""
    from wagtail.models import Page

    from .scoring import score_page

    page = Page.objects.live().filter(pk=page_id).specific().first()
    if page is None:
        return {"page": page_id, "scored": False}
    score = score_page(page)
    return {"page": page_id, "scored": score is not None}


def _command(name: str, *args) -> str:
    out = io.StringIO()
    call_command(name, *args, stdout=out, stderr=out)
    return out.getvalue().strip()[-2000:]


@job(schedule=weekly("Monday", at="07:00"), description="E-mail page owners the reviews that are overdue or due soon")
def send_review_reminders() -> str:
    """Send review reminders"""
    return _command("send_review_reminders")


@job(schedule=daily(at="03:30"), description="Check every external link in published pages (Reports: Broken links)")
def check_links() -> str:
    """Check links"""
    return _command("check_links")
