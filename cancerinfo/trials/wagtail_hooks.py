from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import PostcodeDistrict, Trial, UnmappedCondition


class TrialViewSet(SnippetViewSet):
    model = Trial
    icon = "clipboard-list"
    list_display = ["display_title", "registry_id", "status", "phase", "last_updated"]
    list_filter = ["status", "phase", "is_cancer_trial", "cancer_types_checked", "is_demo"]
    search_fields = ["title", "plain_title", "registry_id", "conditions"]
    ordering = ["title"]


class UnmappedConditionViewSet(SnippetViewSet):
    """Conditions no cancer type matched: map each to a cancer type, or mark it as not a cancer type."""

    model = UnmappedCondition
    icon = "warning"
    menu_label = "Unmapped conditions"
    list_display = ["name", "looks_like_cancer", "trial_count", "mapped_to", "not_a_cancer_type"]
    list_filter = ["looks_like_cancer", "not_a_cancer_type"]
    search_fields = ["name"]


class PostcodeDistrictViewSet(SnippetViewSet):
    model = PostcodeDistrict
    icon = "site"
    list_display = ["outward_code", "town", "latitude", "longitude"]
    search_fields = ["outward_code", "town"]


class TrialsGroup(SnippetViewSetGroup):
    menu_label = "Clinical trials"
    menu_icon = "clipboard-list"
    items = (TrialViewSet, UnmappedConditionViewSet, PostcodeDistrictViewSet)


register_snippet(TrialsGroup)
