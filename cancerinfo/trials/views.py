"""Thin views for the trial finder page's routes: read the URL, call services, render."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse

from cancerinfo.delivery.rendering import query_in_holes

from . import services
from .holes import search_query_string
from .models import finder_views
from .postcodes import PostcodeError, locate_postcode


@finder_views.view("finder")
def finder(request, page):
    # The form and the results are holes (holes.py): the page around them is kept and serves every search.
    query_in_holes(request)
    return TemplateResponse(request, "trials/trial_finder_page.html", page.get_context(request))


@finder_views.view("trial")
def trial_detail(request, page, registry_id):
    trial = services.trial_for_page(registry_id)
    if trial is None or not trial.is_cancer_trial and not request.user.is_staff:
        raise Http404("No such trial")
    if trial.registry_id != registry_id.upper():  # its number in another registry: one page per trial
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(page.trial_url(trial) + (f"?{query}" if query else ""))
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
        query_string=search_query_string(request),
        take_part_advice=trial.how_to_take_part or page.take_part_advice,
        unconfirmed=trial.status_unconfirmed,
        ask_a_nurse_url=services.ask_about_trial_url(trial),
    )
    return TemplateResponse(request, "trials/trial_page.html", context)
