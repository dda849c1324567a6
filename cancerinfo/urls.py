from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cancerinfo.backups.views import health
from cancerinfo.core.favicon import favicon

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("health/", health, name="health"),
    path("favicon.ico", favicon, name="favicon"),
    # The nurse inbox: its own role check (Nurses group only, 403 for everyone else), ahead of Wagtail's admin.
    path("admin/enquiries/", include("cancerinfo.enquiries.admin_urls")),
    # The nurses' live chat console: the same role check as the inbox (cancerinfo/chat/admin_views.py).
    path("admin/chat/", include("cancerinfo.chat.admin_urls")),
    # Two-step verification for staff (cancerinfo.staff), reachable before the second factor is given.
    path("admin/two-step/", include("cancerinfo.staff.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("donations/", include("cancerinfo.donations.urls")),
    path("feedback/", include("cancerinfo.governance.urls")),
    path("p/", include("cancerinfo.prescriptions.urls")),
    path("trial-alerts/", include("cancerinfo.trialalerts.urls")),
    # Live chat with a nurse: the page and its JSON fallback (WebSockets: cancerinfo/asgi.py, /chat/ws/).
    path("chat/", include("cancerinfo.chat.urls")),
    # The read-only content API (/api/v1/) and its docs and terms of reuse (/api/).
    path("api/", include("cancerinfo.api.urls")),
    # Cards other sites frame: a booklet, a section or a glossary term (api/embeds.py; headers: delivery/headers.py).
    path("embed/", include("cancerinfo.api.embed_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree serves everything else; keep it last. English at the root, other languages under their code
# (/cy/...), search included (translations/urls.py, docs/decisions/translations.md).
urlpatterns += i18n_patterns(
    path("search/", include("cancerinfo.search.urls")),
    path("", include("cancerinfo.translations.urls")),
    prefix_default_language=False,
)
