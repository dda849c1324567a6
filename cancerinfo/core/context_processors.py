from wagtail.models import Site

from .models import SiteSettings
from .navigation import site_navigation


def site_chrome(request):
    """Header and footer data for every page: helpline and navigation."""
    site = Site.find_for_request(request)
    if site is None:
        return {}
    settings = SiteSettings.for_site(site)
    return {"site_settings": settings, "navigation": site_navigation(settings)}
