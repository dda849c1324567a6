from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from wagtail.models import Site

from cancerinfo.core.models import SiteSettings

from . import versions
from .navigation import VERSION as NAVIGATION_VERSION
from .navigation import navigation_version, site_navigation

SITE_CHROME_SECONDS = 60 * 60
MAX_HOSTS_IN_PROCESS = 16


def _chrome_in_process() -> dict[str, tuple]:
    """The site and settings read per host in this process for the current navigation version, so a process reads
    and unpickles them from the cache once per version, not on every request. A new version starts an empty one."""
    return versions.table("site-chrome", [NAVIGATION_VERSION], dict)


def site_chrome(request):
    """Header and footer data for every page: helpline and navigation."""
    site, settings = site_and_settings(request)
    if site is None:
        return {}
    return {"site_settings": settings, "navigation": site_navigation(settings)}


def _chrome_key(request) -> str | None:
    try:
        return f"site-chrome:{navigation_version()}:{request.get_host()}"
    except DisallowedHost:  # never a cache key from a host we do not serve
        return None


def cached_site_and_settings(request) -> tuple[Site | None, SiteSettings | None] | None:
    """The request's site and settings if the cache has them; never touches the database."""
    key = _chrome_key(request)
    found = _chrome_in_process().get(key) if key else None
    if found is None and key:
        found = cache.get(key)
        if found is not None:
            _keep_in_process(key, found)
    if found is not None and found[0] is not None and not hasattr(request, "_wagtail_site"):
        request._wagtail_site = found[0]  # Wagtail's own per-request cache: its page routing asks for the site
    return found


def site_and_settings(request) -> tuple[Site | None, SiteSettings | None]:
    """The request's site and its settings: one cache read instead of three queries on every page the page cache
    cannot serve. Kept under the navigation version, which moves when settings, sites or pages change."""
    if hasattr(request, "site_chrome"):  # CachedSiteMiddleware already read the cache, hit or miss
        found = request.site_chrome
    else:
        found = cached_site_and_settings(request)
    if found is None:
        found = _look_up(request)
        key = _chrome_key(request)
        if key:
            cache.set(key, found, SITE_CHROME_SECONDS)
            _keep_in_process(key, found)
        request.site_chrome = found
    return found


def _keep_in_process(key: str, found: tuple) -> None:
    # Keyed like the shared cache (version and host): a version that moved after the key was made never serves it.
    kept = _chrome_in_process()
    if len(kept) >= MAX_HOSTS_IN_PROCESS:
        kept.clear()
    kept[key] = found


def site_root_paths() -> list:
    """Wagtail's root paths of every site (how a page's url_path becomes its address), read from Wagtail's cache
    once per process and navigation version (which moves when a site or a page's place changes), not per request."""
    return versions.table("site-root-paths", [NAVIGATION_VERSION], Site.get_site_root_paths)


def _look_up(request) -> tuple[Site | None, SiteSettings | None]:
    site = Site.find_for_request(request)
    if site is None:
        return None, None
    settings = SiteSettings.for_site(site)
    settings.site = site  # the <title> reads settings.site.site_name: no extra query
    site.root_page.specific  # noqa: B018 - kept with the site: Wagtail's routing starts there, with no query
    return site, settings
