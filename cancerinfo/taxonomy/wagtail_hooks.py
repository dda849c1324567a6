from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CancerType, Topic, Treatment


class CancerTypeViewSet(SnippetViewSet):
    model = CancerType
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name", "other_names"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("other_names"),
        InlinePanel(
            "clinical_codes",
            heading="Clinical codes",
            label="Code",
            help_text="The ICD-10 codes (and SNOMED CT concepts) of this cancer type. The API's lookup by code finds "
            "the booklets and questions about it by these; an ICD-10 code finds its sub-codes' lookups too.",
        ),
    ]


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
