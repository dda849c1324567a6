"""Bulk actions on glossary terms in the admin: stop (or start) linking many terms in pages at once. An imported
dictionary holds thousands of terms, and everyday words among them ("cell", "drug") would fill pages with links."""

from django.utils import timezone
from django.utils.functional import classproperty
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from cancerinfo.delivery.page_cache import content_changed

from . import services
from .models import Term


class _LinkingBulkAction(SnippetBulkAction):
    template_name = "glossary/admin/confirm_bulk_linking.html"
    link_in_pages: bool
    verb: str
    button_text: str

    @classproperty
    def models(cls):
        return [Term]

    def check_perm(self, term):
        return self.permission_policy.user_has_permission_for_instance(self.request.user, "change", term)

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        changed = (
            Term.objects.filter(pk__in=[term.pk for term in objects])
            .exclude(link_in_pages=cls.link_in_pages)
            .update(link_in_pages=cls.link_in_pages, updated_at=timezone.now())
        )
        # update() sends no signals: rebuild the linker and drop cached pages here.
        services.bump_version()
        content_changed()
        return changed, 0

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "linking_on": self.link_in_pages,
            "button_text": self.button_text,
        }

    def get_success_message(self, num_parent_objects, num_child_objects):
        if num_parent_objects == 1:
            return f"1 term {self.verb.lower()}."
        return f"{num_parent_objects} terms {self.verb.lower()}."


class StopLinkingBulkAction(_LinkingBulkAction):
    display_name = "Stop linking in pages"
    action_type = "stop_linking"
    aria_label = "Stop linking the selected terms in booklets and answers"
    action_priority = 50
    link_in_pages = False
    verb = "No longer linked in pages"
    button_text = "Yes, stop linking"


class StartLinkingBulkAction(_LinkingBulkAction):
    display_name = "Link in pages"
    action_type = "start_linking"
    aria_label = "Link the selected terms in booklets and answers"
    action_priority = 60
    link_in_pages = True
    verb = "Now linked in pages"
    button_text = "Yes, link them"
