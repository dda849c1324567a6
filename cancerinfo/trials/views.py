"""Thin views for the trial finder page's routes: read the URL, call services, render."""

from django.http import Http404
from django.template.response import TemplateResponse

from . import services
from .choices import PHASE_FILTERS, STATUS_FILTERS
from .forms import TrialFinderForm
from .models import finder_views
from .postcodes import PostcodeError, locate_postcode

# Links from results carry the search with them, so the trial page can measure distances and link back.
FINDER_PARAMETERS = ("q", "cancer", "status", "phase", "age", "postcode", "distance")


def _page_number(raw) -> int:
    try:
        return max(1, min(int(raw), 10_000))
    except (TypeError, ValueError):
        return 1


def _search_query_string(request) -> str:
    params = request.GET.copy()
    for key in list(params):
        if key not in FINDER_PARAMETERS:
            del params[key]
        else:
            params.setlist(key, params.getlist(key)[-1:])  # the value the form reads
    return params.urlencode()


@finder_views.view("finder")
def finder(request, page):
    form = TrialFinderForm(request.GET)
    form.is_valid()
    criteria = services.FinderCriteria(
        cancer_type=form.value("cancer"),
        status=form.value("status", "recruiting") or "recruiting",
        phase=form.value("phase", "") or "",
        age=form.value("age"),
        origin=form.value("postcode"),
        within_miles=form.value("distance"),
        query=form.value("q", "") or "",
    )
    results = services.find_trials(criteria, _page_number(request.GET.get("page")))
    query_string = _search_query_string(request)
    errors = [(form[name].id_for_label, message) for name, messages in form.errors.items() for message in messages]
    context = page.get_context(request)
    context.update(
        form=form,
        errors=errors,
        criteria=criteria,
        results=results,
        query_string=query_string,
        status_label=STATUS_FILTERS.get(criteria.status, STATUS_FILTERS["recruiting"])[0],
        phase_label=PHASE_FILTERS[criteria.phase][0] if criteria.phase in PHASE_FILTERS else "",
    )
    return TemplateResponse(request, "trials/trial_finder_page.html", context)


@finder_views.view("trial")
def trial_detail(request, page, registry_id):
    trial = services.trial_for_page(registry_id)
    if trial is None or not trial.is_cancer_trial and not request.user.is_staff:
        raise Http404("No such trial")
    origin, postcode_error = None, ""
    raw_postcode = request.GET.get("postcode", "")
    if raw_postcode.strip():
        try:
            origin = locate_postcode(raw_postcode)
        except PostcodeError as exc:
            postcode_error = str(exc)
    sites = services.sites_nearest_first(trial, origin)
    context = page.get_context(request)
    context.update(
        trial=trial,
        origin=origin,
        postcode_error=postcode_error,
        sites_first=sites[: services.SITES_SHOWN_FIRST],
        sites_more=sites[services.SITES_SHOWN_FIRST :],
        query_string=_search_query_string(request),
        take_part_advice=trial.how_to_take_part or page.take_part_advice,
    )
    return TemplateResponse(request, "trials/trial_page.html", context)
