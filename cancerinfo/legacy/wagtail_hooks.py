"""Imported pages in the Wagtail admin (Settings → Imported pages): read-only, to see what each import left."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from cancerinfo.core.admin_policies import ReadOnlyPolicy

from .models import LegacySource

# Records are written by import_legacy_html only.
register_permission_policy(LegacySource, ReadOnlyPolicy(LegacySource), exact_class=True)


class LegacySourceViewSet(ModelViewSet):
    model = LegacySource
    icon = "download"
    menu_label = "Imported pages"
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["page", "source_path", "unresolved_links", "imported_at"]
    list_filter = ["imported_at"]
    search_fields = ["source_path", "page__title"]
    inspect_view_fields = ["page", "source_path", "unresolved_links", "resolved_links", "body_source", "imported_at"]
    form_fields = ["source_path"]


@hooks.register("register_admin_viewset")
def register_legacy_source_viewset():
    return LegacySourceViewSet("legacy_source")
