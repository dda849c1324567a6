"""Cache-Control for caches in front of Django: published pages for anonymous readers may be shared; anything
personal, any form and anything for signed-in staff may not."""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject

from .page_cache import lifetime

NEVER_SHARED_PREFIXES = ("/admin/", "/django-admin/")


def shareable(request, response) -> bool:
    if request.method not in ("GET", "HEAD") or response.status_code not in (200, 301, 404, 410):
        return False
    if request.path.startswith(NEVER_SHARED_PREFIXES) or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # get_token() ran: the page carries a CSRF-protected form
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.modified or not session.is_empty()):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class CacheHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response  # the view said what it wants (e.g. no-store on enquiry pages)
        shared_seconds = lifetime(request, settings.CACHE_SHARED_MAX_AGE)
        if shareable(request, response) and shared_seconds > 0:
            patch_cache_control(
                response,
                public=True,
                max_age=lifetime(request, settings.CACHE_BROWSER_MAX_AGE),
                s_maxage=shared_seconds,
            )
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response


# Addresses that answer in JSON, with no header or footer and no page routing: reading the site for them is a
# wasted cache round trip on every API call (a 304 revalidation is otherwise two).
# Not PAGE_CACHE_EXCLUDE_PREFIXES (what is never kept): the API docs (/api/) and /search/ are not kept but have chrome.
WITHOUT_SITE_CHROME = ("/api/v1/",)


class CachedSiteMiddleware:
    """Hands Wagtail's page routing, the header and the footer the request's site and settings from the cache, so
    they need no query for them. Only reads the cache: on a miss the view looks them up, inside the outage
    middleware's reach (see context_processors.site_and_settings)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .context_processors import cached_site_and_settings, site_root_paths

        if not request.path_info.startswith(WITHOUT_SITE_CHROME):
            request.site_chrome = cached_site_and_settings(request)
        # Where Wagtail (page.url) and the API (resources.full_url) look first: no cache read per request. Read
        # when first used, so a database outage meets the view, inside the outage middleware's reach.
        request._wagtail_cached_site_root_paths = request.site_root_paths = SimpleLazyObject(site_root_paths)
        return self.get_response(request)
