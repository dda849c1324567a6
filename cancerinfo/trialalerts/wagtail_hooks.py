"""Trial alerts in the Wagtail admin (Settings -> Trial alerts), for the people who run the service (Administrators,
migration 0002) and superusers: see how many alerts there are, find a person's alerts by their e-mail address, and
delete them when asked. Nobody adds or edits an alert here: people make their own, with double opt-in."""

from django.db.models import Q
from wagtail import hooks
from wagtail.admin.views.generic import models as generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cancerinfo.deployment import crypto

from .models import TrialAlert


class ViewAndDeletePolicy(ModelPermissionPolicy):
    """Staff may look at alerts and delete them; nobody adds or changes one in the admin."""

    def user_has_permission(self, user, action):
        if action in {"add", "change"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(TrialAlert, ViewAndDeletePolicy(TrialAlert), exact_class=True)


def search_alerts(queryset, query: str):
    """A whole e-mail address finds that person's alerts (by its keyed hash: addresses are encrypted); anything
    else is looked for among the postcode districts."""
    query = (query or "").strip()
    if "@" in query:
        return queryset.filter(email_hash=crypto.lookup_hash(query))
    return queryset.filter(Q(district__iexact=query) | Q(district__istartswith=query.upper()))


class AlertIndexView(generic.IndexView):
    def search_queryset(self, queryset):
        return search_alerts(queryset, self.search_query) if self.is_searching else queryset


class TrialAlertViewSet(ModelViewSet):
    model = TrialAlert
    icon = "mail"
    menu_label = "Trial alerts"
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["district", "cancer_type", "confirmed_at", "created_at", "alerts_sent", "last_sent_at"]
    list_filter = ["cancer_type"]
    search_fields = ["district"]  # searches by e-mail address too: search_alerts
    inspect_view_fields = ["district", "cancer_type", "created_at", "confirmed_at", "alerts_sent", "last_sent_at"]
    form_fields = ["district"]

    index_view_class = AlertIndexView

    def get_queryset(self, request):
        return TrialAlert.objects.select_related("cancer_type")


@hooks.register("register_admin_viewset")
def register_trial_alert_viewset():
    return TrialAlertViewSet("trial_alerts")
