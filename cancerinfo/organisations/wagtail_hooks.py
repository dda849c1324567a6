from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Support organisations"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "region", "phone", "is_demonstration", "live"]
    list_filter = ["region", "is_demonstration", "live"]
    search_fields = ["name", "summary"]


register_snippet(OrganisationViewSet)
