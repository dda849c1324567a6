"""Settings → Partner webhooks: subscriptions (with the secret to give the partner) and the delivery log.

Administrators and superusers only (staff/access.py): a subscription's secret lets anyone sign events as us.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, Panel
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from cancerinfo.core.admin_policies import ReadOnlyPolicy

from .models import Delivery, Subscription


class SecretPanel(Panel):
    """The signing secret, to copy to the partner once the subscription is saved."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Signing secret")
        super().__init__(**kwargs)

    @property
    def clean_name(self):
        return super().clean_name or "signing-secret"

    class BoundPanel(Panel.BoundPanel):
        def render_html(self, parent_context=None):
            if not getattr(self.instance, "pk", None):
                return mark_safe("<p>Made when you save the subscription, then shown here.</p>")
            return format_html(
                "<p>Give this to {} over a safe channel. They check each event's "
                "<code>X-CancerInfo-Signature</code> header with it (see /api/#webhooks).</p>"
                '<p><code id="webhook-secret">{}</code></p>',
                self.instance.partner,
                self.instance.secret,
            )


class SubscriptionViewSet(ModelViewSet):
    model = Subscription
    icon = "link-external"
    menu_label = "Webhook subscriptions"
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = ["partner", "url", "scope", "active", "created_at"]
    list_filter = ["active", "scope"]
    search_fields = ["partner", "url"]
    panels = [
        FieldPanel("partner"),
        FieldPanel("url"),
        FieldPanel("active"),
        FieldPanel("scope"),
        InlinePanel("pages", heading="Chosen booklets and pages", label="page"),
        SecretPanel(),
    ]


# Deliveries are written by the publish signals and the worker only: staff with the view permission look.
register_permission_policy(Delivery, ReadOnlyPolicy(Delivery), exact_class=True)


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    icon = "history"
    menu_label = "Webhook deliveries"
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["created_at", "subscription", "event", "page_id", "status", "attempts", "response_status",
                    "last_error", "next_try_at"]  # fmt: skip
    list_filter = ["status", "event"]
    search_fields = ["subscription__partner"]
    inspect_view_fields = ["subscription", "event", "event_id", "page_id", "status", "attempts", "response_status",
                           "last_error", "next_try_at", "created_at", "delivered_at", "body"]  # fmt: skip
    form_fields = ["status"]


@hooks.register("register_admin_viewset")
def register_webhook_viewsets():
    return [SubscriptionViewSet("webhook_subscriptions"), DeliveryViewSet("webhook_deliveries")]
