"""Permission policies shared by the admin viewsets of several apps."""

from wagtail.permission_policies import ModelPermissionPolicy


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Records written by the system only (an importer, the worker): staff with the view permission may look, and
    nobody may add, change or delete them in the admin, whatever their permissions say."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "delete"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
