"""Serving pages in a language: the page's translation when there is one, and else the English page with a notice
(never a 404 for a page that exists in English)."""

from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page

from cancerinfo.delivery import versions as tokens
from cancerinfo.delivery.page_cache import depends_on

from . import languages, services


def serve(request, path):
    code = translation.get_language()
    if languages.is_default(code):
        return wagtail_views.serve(request, path)
    depends_on(request, tokens.PAGES)  # a page in another language shows what its English page and siblings say
    found = Page.route_for_request(request, path)
    page = found[0] if found else None
    if page is not None and page.locale_id and services.is_translated(page):
        return wagtail_views.serve(request, path)
    # Not translated: the English page at the same place, in English, with a notice in both languages.
    translation.activate(languages.default_code())
    request.LANGUAGE_CODE = languages.default_code()
    request.translation_missing = languages.get(code)
    if hasattr(request, "_wagtail_route_for_request"):
        del request._wagtail_route_for_request
    try:
        return wagtail_views.serve(request, path)
    except Http404:
        translation.activate(code)
        request.LANGUAGE_CODE = code
        raise
