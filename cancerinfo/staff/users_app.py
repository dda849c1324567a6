"""Wagtail's users app with our user editor (users.py). INSTALLED_APPS lists this in place of "wagtail.users"; it is
a module of its own because an apps.py with two AppConfigs would leave Django unsure which one is the staff app."""

from wagtail.users.apps import WagtailUsersAppConfig


class StaffUsersConfig(WagtailUsersAppConfig):
    user_viewset = "cancerinfo.staff.users.StaffUserViewSet"
