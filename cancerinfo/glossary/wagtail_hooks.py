from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .bulk_actions import StartLinkingBulkAction, StopLinkingBulkAction
from .models import Term


class TermViewSet(SnippetViewSet):
    model = Term
    icon = "help"
    menu_label = "Glossary"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["term", "slug", "definition", "editor_override", "link_in_pages"]
    list_filter = ["letter", "editor_override", "link_in_pages"]
    search_fields = ["term", "other_names", "definition"]
    ordering = ["sort_name"]
    list_per_page = 50


register_snippet(TermViewSet)

hooks.register("register_bulk_action", StopLinkingBulkAction)
hooks.register("register_bulk_action", StartLinkingBulkAction)
