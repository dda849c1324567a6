from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_views import search_report
from .models import ThesaurusGroup


class ThesaurusGroupViewSet(SnippetViewSet):
    model = ThesaurusGroup
    icon = "search"
    menu_label = "Search thesaurus"
    add_to_admin_menu = False
    list_display = ["__str__", "active", "updated_at"]
    list_filter = ["active"]
    search_fields = ["terms", "note"]


register_snippet(ThesaurusGroupViewSet)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("reports/search-queries/", search_report, name="sitesearch_report")]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return AdminOnlyMenuItem("Search queries", reverse("sitesearch_report"), icon_name="search", order=800)
