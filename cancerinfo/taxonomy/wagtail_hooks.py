from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CancerType, Topic, Treatment


class CancerTypeViewSet(SnippetViewSet):
    model = CancerType
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name", "other_names"]


class TreatmentViewSet(SnippetViewSet):
    model = Treatment
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name", "other_names"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Cancer types & topics"
    menu_icon = "tag"
    items = (CancerTypeViewSet, TreatmentViewSet, TopicViewSet)


register_snippet(TaxonomyGroup)
