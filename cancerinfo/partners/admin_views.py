"""The API keys' admin pages (Settings -> API keys): make a key (shown once), see its use, revoke it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin.views.generic import models as generic
from wagtail.permission_policies import ModelPermissionPolicy

from . import keys, usage
from .models import PartnerKey

NEW_KEYS = "partners:new-keys"  # in the session: {pk: key} until the key's page has shown it once
USAGE_DAYS = 30


class CreateKeyView(generic.CreateView):
    def save_instance(self):
        raw = keys.give_key(self.form.instance, by=self.request.user)
        instance = super().save_instance()
        new_keys = self.request.session.get(NEW_KEYS, {})
        new_keys[str(instance.pk)] = raw
        self.request.session[NEW_KEYS] = new_keys
        return instance

    def get_success_message(self, instance):
        return None  # the next page says it

    def get_success_url(self):
        return reverse("partner_keys:created", args=[self.object.pk])


class EditKeyView(generic.EditView):
    template_name = "partners/edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        usage.flush([self.object.pk])
        days = usage.last_days(self.object, USAGE_DAYS)
        context.update(
            usage_days=days,
            usage_total=sum(day[usage.REQUESTS] for day in days),
            refused_total=sum(day[usage.REFUSED] for day in days),
            revoke_url=reverse("partner_keys:revoke", args=[self.object.pk]),
            can_revoke=not self.object.is_revoked and self.user_has_permission("change"),
        )
        return context


permission_policy = ModelPermissionPolicy(PartnerKey)


def _can(request, action: str) -> bool:
    return permission_policy.user_has_permission(request.user, action)


def created(request, pk):
    """The new key, shown once: the session forgets it as the page is made."""
    if not _can(request, "add"):
        raise PermissionDenied
    key = get_object_or_404(PartnerKey, pk=pk)
    new_keys = request.session.get(NEW_KEYS, {})
    raw = new_keys.pop(str(pk), None)
    request.session[NEW_KEYS] = new_keys
    response = TemplateResponse(
        request,
        "partners/created.html",
        {"key": key, "raw_key": raw, "edit_url": reverse("partner_keys:edit", args=[pk]), "page_title": "New API key"},
    )
    response["Cache-Control"] = "no-store"
    return response


def revoke(request, pk):
    """Revoke a key (after a confirmation): refused from the next request on."""
    if not _can(request, "change"):
        raise PermissionDenied
    key = get_object_or_404(PartnerKey, pk=pk)
    edit_url = reverse("partner_keys:edit", args=[pk])
    if request.method == "POST":
        if key.is_revoked:
            messages.info(request, f"{key} was already revoked.")
        else:
            key.revoke(by=request.user)
            messages.success(request, f"{key} is revoked: the API refuses it from the next request.")
        return redirect(edit_url)
    return TemplateResponse(
        request, "partners/revoke.html", {"key": key, "edit_url": edit_url, "page_title": f"Revoke {key}"}
    )
