"""Fulfilment in the Wagtail admin: only people with the "fulfil_order" permission (the Fulfilment group)."""

from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from . import orders
from .models import Order

PERMISSION = "publications.fulfil_order"
MAX_SELECTED = 500


def fulfilment_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated or not request.user.has_perm(PERMISSION):
            # A plain 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard).
            return TemplateResponse(request, "publications/admin/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _status_filter(request) -> str:
    status = request.GET.get("status", Order.STATUS_NEW)
    valid = {key for key, _label in Order.STATUS_CHOICES} | {"all"}
    return status if status in valid else Order.STATUS_NEW


def _selected(request):
    ids = [value for value in request.POST.getlist("selected")[:MAX_SELECTED] if value.isdigit()]
    return list(Order.objects.filter(pk__in=ids).prefetch_related("lines").order_by("created_at", "pk"))


@fulfilment_required
def order_list(request):
    status = _status_filter(request)
    queryset = Order.objects.prefetch_related("lines").order_by("created_at", "pk")
    if status != "all":
        queryset = queryset.filter(status=status)
    list_url = reverse("publications_orders") + f"?status={status}"

    if request.method == "POST":
        action = request.POST.get("action", "")
        selected = _selected(request)
        if action == "csv":
            rows = selected or list(queryset[:5000])
            orders.record(rows, request.user, "exported", "CSV for the mailing house")
            response = HttpResponse(orders.orders_csv(rows), content_type="text/csv; charset=utf-8")
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            response["Content-Disposition"] = f'attachment; filename="orders-{status}-{stamp}.csv"'
            return response
        if not selected:
            messages.error(request, "Select at least one order first.")
            return HttpResponseRedirect(list_url)
        if action == "slips":
            orders.record(selected, request.user, "packing slip printed")
            response = HttpResponse(orders.packing_slips_pdf(selected), content_type="application/pdf")
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
            response["Content-Disposition"] = f'inline; filename="packing-slips-{stamp}.pdf"'
            return response
        if action.startswith("status:"):
            new_status = action.removeprefix("status:")
            if new_status not in dict(Order.STATUS_CHOICES):
                messages.error(request, "Choose a status from the list.")
                return HttpResponseRedirect(list_url)
            changed, skipped = orders.change_status(selected, new_status, request.user)
            label = dict(Order.STATUS_CHOICES)[new_status].lower()
            if changed:
                messages.success(request, f"{len(changed)} order(s) marked {label}.")
            if skipped:
                refs = ", ".join(o.reference for o in skipped[:10])
                messages.warning(request, f"{len(skipped)} order(s) cannot be marked {label} from their status: {refs}")
            return HttpResponseRedirect(list_url)
        messages.error(request, "Choose an action.")
        return HttpResponseRedirect(list_url)

    paginator = Paginator(queryset, 100)
    page_obj = paginator.get_page(request.GET.get("p"))
    counts = {key: Order.objects.filter(status=key).count() for key, _label in Order.STATUS_CHOICES}
    return TemplateResponse(
        request,
        "publications/admin/orders.html",
        {
            "page_obj": page_obj,
            "orders": page_obj.object_list,
            "status": status,
            "statuses": [(key, label, counts[key]) for key, label in Order.STATUS_CHOICES],
            "status_actions": [
                (Order.STATUS_PACKED, "Mark packed"),
                (Order.STATUS_DISPATCHED, "Mark dispatched"),
                (Order.STATUS_NEW, "Back to new"),
                (Order.STATUS_CANCELLED, "Cancel"),
            ],
        },
    )


@fulfilment_required
def order_detail(request, pk):
    order = get_object_or_404(Order.objects.prefetch_related("lines"), pk=pk)
    if request.method == "POST":
        new_status = request.POST.get("status", "")
        if new_status not in dict(Order.STATUS_CHOICES):
            messages.error(request, "Choose a status from the list.")
        else:
            changed, _skipped = orders.change_status([order], new_status, request.user)
            if changed:
                messages.success(request, f"Order {order.reference} is now {order.get_status_display().lower()}.")
            else:
                messages.error(request, f"Order {order.reference} cannot become {new_status} from its status.")
        return HttpResponseRedirect(reverse("publications_order", args=[order.pk]))
    events = order.events.select_related("user")[:200]
    return TemplateResponse(
        request,
        "publications/admin/order_detail.html",
        {
            "order": order,
            "events": events,
            "next_statuses": [(key, label) for key, label in Order.STATUS_CHOICES if order.can_become(key)],
        },
    )
