"""The oEmbed endpoint (/api/oembed) and the embeddable cards (/embed/...): thin views over embeds.py.

The cards' headers (frame-ancestors *, no X-Frame-Options, no cookie, no referrer) are the delivery layer's, by
path (delivery/headers.py), so a card served from the page cache carries them as a fresh one does.
"""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from cancerinfo.delivery import versions
from cancerinfo.delivery.context_processors import site_and_settings
from cancerinfo.delivery.page_cache import depends_on
from cancerinfo.delivery.restrictions import VERSION as RESTRICTIONS

from . import conditional, embeds
from .reuse import TERMS_PATH

FORMATS = ("json",)


def _names(request) -> tuple[str, str]:
    """(the site's name, the organisation's name) from the cached site and settings."""
    site, site_settings = site_and_settings(request)
    site_name = (site.site_name if site is not None else "") or settings.WAGTAIL_SITE_NAME
    organisation = getattr(site_settings, "charity_name", "") or site_name
    return site_name, organisation


@require_safe
def oembed(request):
    """oEmbed 1.0 for our booklet, section and glossary pages: ?url=...&format=json&maxwidth=&maxheight=."""
    answer_format = request.GET.get("format", "json").strip().lower() or "json"
    try:
        url = embeds.check_address(request.GET.get("url"))
        maxwidth = embeds.check_size("maxwidth", request.GET.get("maxwidth"))
        maxheight = embeds.check_size("maxheight", request.GET.get("maxheight"))
    except embeds.BadAddress as problem:
        return conditional.error(request, 400, str(problem))
    if answer_format not in FORMATS:
        return conditional.error(request, 501, "Only format=json is available.")
    site_name, organisation = _names(request)
    base = conditional.base_url(request)

    def build() -> dict:
        item = embeds.resolve(url, request)
        return embeds.oembed(item, base, maxwidth, maxheight, site_name, organisation)

    try:
        return conditional.respond(request, build)
    except Http404:
        return conditional.error(
            request, 404, "This address cannot be embedded: only published booklets, booklet sections and glossary "
            "terms of this site can.",
        )  # fmt: skip


def _cacheable(response: HttpResponse) -> HttpResponse:
    patch_cache_control(
        response, public=True, max_age=settings.CACHE_BROWSER_MAX_AGE, s_maxage=settings.CACHE_SHARED_MAX_AGE
    )
    response["X-Robots-Tag"] = "noindex"  # the page itself is what search engines should find
    return response


@require_safe
def card(request, kind: str, key):
    """A card for other sites to frame. Rendered without the request: no context processor, session or CSRF token
    can touch it. Kept by the page cache until any page, snippet or private area changes."""
    depends_on(request, versions.PAGES, versions.CONTENT, RESTRICTIONS)
    site_name, organisation = _names(request)
    base = conditional.base_url(request)
    context = {"site_name": site_name, "organisation": organisation, "home": f"{base}/", "terms_url": base + TERMS_PATH}
    try:
        item = embeds.card(kind, key, request)
    except Http404:
        html = render_to_string("api/embed/missing.html", context)
        return _cacheable(HttpResponse(html, status=404))
    html = render_to_string("api/embed/card.html", {**context, "item": item})
    return _cacheable(HttpResponse(html))
