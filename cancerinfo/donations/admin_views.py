"""Finance staff's views in the Wagtail admin: donations with filters and totals, and Gift Aid claim exports.

Only people with the donations permissions (the "Finance" group) get in; everyone else gets 403.
"""

from decimal import Decimal
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from .amounts import GIFT_AID_RATE, PENNY
from .claims import claimable_summary, create_claim
from .models import FREQUENCY_CHOICES, Donation, GiftAidClaim

VIEW_PERMISSION = "donations.view_donation"
EXPORT_PERMISSION = "donations.export_giftaidclaim"


def finance_only(*permissions: str):
    """Answer 403 to anyone without these permissions (Wagtail would turn PermissionDenied into a redirect)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not all(request.user.has_perm(permission) for permission in permissions):
                return TemplateResponse(
                    request, "donations/admin/forbidden.html", {"page_title": "Finance team only"}, status=403
                )
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class DonationFilterForm(forms.Form):
    reference = forms.CharField(label="Reference", required=False, max_length=20)
    status = forms.ChoiceField(choices=[("", "Any status")] + Donation.STATUS_CHOICES, required=False)
    frequency = forms.ChoiceField(choices=[("", "Any frequency")] + FREQUENCY_CHOICES, required=False)
    gift_aid = forms.ChoiceField(
        label="Gift Aid",
        choices=[("", "With or without"), ("yes", "With Gift Aid"), ("no", "Without Gift Aid")],
        required=False,
    )
    claimed = forms.ChoiceField(
        choices=[("", "Claimed or not"), ("yes", "Gift Aid claimed"), ("no", "Gift Aid not claimed")], required=False
    )
    date_from = forms.DateField(label="Created from", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="Created to", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["reference"]:  # what a donor quotes on the phone: "dn-7kqm x3pa" finds DN-7KQM-X3PA
            wanted = "".join(ch for ch in data["reference"].upper() if ch.isalnum())
            if len(wanted) == 10:
                wanted = f"{wanted[:2]}-{wanted[2:6]}-{wanted[6:]}"
            queryset = queryset.filter(short_reference=wanted)
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["frequency"]:
            queryset = queryset.filter(frequency=data["frequency"])
        if data["gift_aid"]:
            queryset = queryset.filter(gift_aid_declaration__isnull=data["gift_aid"] == "no")
        if data["claimed"]:
            queryset = queryset.filter(gift_aid_claim__isnull=data["claimed"] == "no")
        if data["date_from"]:
            queryset = queryset.filter(created_at__date__gte=data["date_from"])
        if data["date_to"]:
            queryset = queryset.filter(created_at__date__lte=data["date_to"])
        return queryset


def donation_totals(queryset) -> dict:
    confirmed = Q(status=Donation.CONFIRMED)
    totals = queryset.aggregate(
        count=Count("pk"),
        confirmed_count=Count("pk", filter=confirmed),
        confirmed_total=Sum("amount", filter=confirmed),
        gift_aid_total=Sum("amount", filter=confirmed & Q(gift_aid_declaration__isnull=False)),
    )
    totals["confirmed_total"] = totals["confirmed_total"] or Decimal("0")
    totals["gift_aid_total"] = totals["gift_aid_total"] or Decimal("0")
    totals["gift_aid_value"] = (totals["gift_aid_total"] * GIFT_AID_RATE).quantize(PENNY)
    return totals


@finance_only(VIEW_PERMISSION)
def donation_list(request):
    form = DonationFilterForm(request.GET or None)
    queryset = form.filter(Donation.objects.all()) if request.GET else Donation.objects.all()
    page = Paginator(queryset.select_related("gift_aid_claim").order_by("-created_at", "-pk"), 50).get_page(
        request.GET.get("p")
    )
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "donations/admin/donation_list.html",
        {
            "page_title": "Donations",
            "header_icon": "doc-full",
            "form": form,
            "page_obj": page,
            "totals": donation_totals(queryset),
            "query": query.urlencode(),
            "can_export": request.user.has_perm(EXPORT_PERMISSION),
        },
    )


class ClaimForm(forms.Form):
    date_from = forms.DateField(label="Donations paid from", widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="Donations paid to", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            self.add_error("date_to", "The end date must be on or after the start date")
        return cleaned


def _csv_response(claim: GiftAidClaim) -> HttpResponse:
    response = HttpResponse(claim.schedule_csv, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{claim.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@finance_only(VIEW_PERMISSION, EXPORT_PERMISSION)
@require_http_methods(["GET", "POST"])
def claims(request):
    today = timezone.localdate()
    summary = None
    if request.method == "POST":
        form = ClaimForm(request.POST)
        if form.is_valid():
            claim = create_claim(form.cleaned_data["date_from"], form.cleaned_data["date_to"], request.user)
            if claim is not None:
                return _csv_response(claim)
            messages.info(request, "There are no unclaimed Gift Aid donations in those dates.")
    else:
        form = ClaimForm(request.GET or None, initial={"date_from": today.replace(day=1), "date_to": today})
        if request.GET and form.is_valid():
            summary = claimable_summary(form.cleaned_data["date_from"], form.cleaned_data["date_to"])
    return TemplateResponse(
        request,
        "donations/admin/claims.html",
        {
            "page_title": "Gift Aid claims",
            "header_icon": "download",
            "form": form,
            "summary": summary,
            "claims": GiftAidClaim.objects.select_related("created_by")[:50],
        },
    )


@finance_only(VIEW_PERMISSION, EXPORT_PERMISSION)
def claim_download(request, pk: int):
    return _csv_response(get_object_or_404(GiftAidClaim, pk=pk))
