"""What the trials app gives the site search: the finder, and each cancer trial.

Registry trials are not our writing: they rank below our own pages (a lower prior) unless the query is about
trials, and below UK trials when they have no site in the UK. Trials not recruiting, or whose status the registry
has not confirmed within the set time (freshness.py, default 12 months), are left out of the site search unless the
search asks for them (the "include closed trials" filter): they are still in the finder.
"""

import datetime

from cancerinfo.search.registry import Document, names, page_document, register_kind, register_source

from . import freshness
from .choices import Status
from .importer import is_uk
from .models import Trial, TrialFinderPage
from .registry_text import shorten

# Below our own pages, unless the query is about trials ("lung cancer trials", "research studies near me").
register_kind("trial", "Clinical trials", prior=0.75, order=50, intent=["trial", "trials", "study", "studies"])

OPEN_STATUSES = {Status.RECRUITING, Status.NOT_YET_RECRUITING}
OVERSEAS_WEIGHT = 0.85  # a trial with no site in the UK is less use to our readers than one near them


def is_current(trial: Trial, today: datetime.date) -> bool:
    """Taking people now (or soon), and its status confirmed by the registry within the set time."""
    return trial.status in OPEN_STATUSES and not freshness.is_unconfirmed(trial.status, trial.last_updated, today)


@register_source("trials", watch=["trials.Trial"], page_types=["trials.TrialFinderPage"])
def documents():
    finder = TrialFinderPage.objects.live().public().first()
    if finder is None:
        return
    yield page_document(finder)
    today = freshness.today()
    for trial in Trial.objects.filter(is_cancer_trial=True).prefetch_related("cancer_types", "sites"):
        types_text, slugs = names(trial.cancer_types.all())
        summary = trial.plain_summary or trial.registry_summary
        in_uk = any(is_uk(site.country) for site in trial.sites.all())
        yield Document(
            key=f"trial:{trial.pk}",
            kind="trial",
            title=trial.plain_title or trial.title,
            url=finder.trial_url(trial),
            body=f"{summary} {trial.conditions} {trial.interventions}",
            summary=shorten(summary, 600),  # whole sentences, without the registry's markup
            tags=f"{types_text} {trial.registry_id}",
            parent="Clinical trials",
            parent_url=finder.url,
            review_date=trial.last_updated,
            cancer_types=slugs,
            current=is_current(trial, today),
            weight=1.0 if in_uk else OVERSEAS_WEIGHT,
        )
