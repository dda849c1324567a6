from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ContentVersion


class ContentVersionViewSet(SnippetViewSet):
    model = ContentVersion
    icon = "doc-full"
    menu_label = "Versions of pages"
    list_display = ["original", "version", "audience"]
    list_filter = ["audience"]


register_snippet(ContentVersionViewSet)
