"""The admin's user editor: a first and last name are asked for only where readers see them.

Wagtail's own forms demand both names of every account, so an account without them (the demo admin's, or a nurse who
signs replies with a first name only) cannot be saved, not even to add it to a group. Names matter where they are
published: a clinical reviewer's, lay reviewer's or publisher's approval shows on the page as "Reviewed by <name>"
(governance), so for members of those groups both names are still required.
"""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from .access import CLINICAL, LAY, PUBLISHERS

NAMED_GROUPS = (CLINICAL, LAY, PUBLISHERS)  # their approvals show on pages, with their names
NAME_HELP = "Needed for reviewers and publishers: readers see who reviewed each page."
NAME_MESSAGES = {
    "first_name": "Enter a first name: readers see the names of reviewers and publishers",
    "last_name": "Enter a last name: readers see the names of reviewers and publishers",
}


class NamesWhereShownMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in NAME_MESSAGES:
            if name in self.fields:
                self.fields[name].required = False
                self.fields[name].help_text = NAME_HELP

    def clean(self):
        cleaned = super().clean()
        groups = cleaned.get("groups") or []
        if any(group.name in NAMED_GROUPS for group in groups):
            for name, message in NAME_MESSAGES.items():
                if name in self.fields and not (cleaned.get(name) or "").strip():
                    self.add_error(name, forms.ValidationError(message, code="required"))
        return cleaned


class StaffUserCreationForm(NamesWhereShownMixin, UserCreationForm):
    pass


class StaffUserEditForm(NamesWhereShownMixin, UserEditForm):
    pass


class StaffUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm
