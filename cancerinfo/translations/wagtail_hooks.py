"""Editors' side of translations: a "Language" mark for phrases in rich text, and the list of translations with
"English updated since translation" for each."""

from django.conf import settings
from wagtail import hooks
from wagtail.admin.rich_text.converters.html_to_contentstate import InlineStyleElementHandler
from wagtail.admin.rich_text.editors.draftail.features import InlineStyleFeature
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PageTranslation


def lang_feature_name(code: str) -> str:
    return f"lang-{code}"


@hooks.register("register_rich_text_features")
def register_language_marks(features):
    """One inline mark per language of the site, English included: <span lang="cy">...</span> around a phrase in
    another language, so screen readers pronounce it right (WCAG 3.1.2)."""
    for code, name in settings.LANGUAGES:
        feature = lang_feature_name(code)
        style = f"LANG_{code.upper().replace('-', '_')}"
        label = code.split("-")[0].upper()
        features.register_editor_plugin(
            "draftail",
            feature,
            InlineStyleFeature(
                {
                    "type": style,
                    "label": label,
                    "description": f"In {name}",
                    "style": {"textDecoration": "underline dotted"},
                }
            ),
        )
        features.register_converter_rule(
            "contentstate",
            feature,
            {
                "from_database_format": {f'span[lang="{code}"]': InlineStyleElementHandler(style)},
                "to_database_format": {"style_map": {style: {"element": "span", "props": {"lang": code}}}},
            },
        )
        features.default_features.append(feature)


class PageTranslationViewSet(SnippetViewSet):
    model = PageTranslation
    icon = "globe"
    menu_label = "Translations"
    add_to_admin_menu = False
    list_display = [
        "source",
        "language",
        "page",
        "translated_at",
        BooleanColumn("english_updated", label="English updated since translation"),
    ]
    list_filter = ["language"]
    inspect_view_enabled = True


register_snippet(PageTranslationViewSet)
