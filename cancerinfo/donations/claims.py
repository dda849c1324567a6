"""Gift Aid claims: the donations not yet claimed, laid out as HMRC's Charities Online schedule, claimed once."""

import csv
import datetime
import io
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone

from .models import Donation, GiftAidClaim

# The columns of the Charities Online Gift Aid schedule, in HMRC's order.
SCHEDULE_HEADERS = [
    "Title",
    "First name",
    "Last name",
    "House name or number",
    "Postcode",
    "Aggregated donations",
    "Sponsored",
    "Donation date",
    "Amount",
]
# HMRC's field limits: title 4 characters, names 35, house name or number 40.
LIMITS = {"title": 4, "first_name": 35, "last_name": 35, "house_name_or_number": 40}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value) -> str:
    """A spreadsheet must never run what a donor typed: cells that could start a formula get a leading quote."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def claimable(date_from: datetime.date, date_to: datetime.date) -> QuerySet:
    """Confirmed donations with a live Gift Aid declaration, paid in the date range, not claimed before."""
    return Donation.objects.filter(
        status=Donation.CONFIRMED,
        gift_aid_declaration__isnull=False,
        gift_aid_declaration__cancelled_at__isnull=True,
        gift_aid_claim__isnull=True,
        confirmed_at__date__gte=date_from,
        confirmed_at__date__lte=date_to,
    )


def schedule_row(donation: Donation) -> list[str]:
    declaration = donation.gift_aid_declaration
    paid_on = timezone.localtime(donation.confirmed_at).date()
    return [
        safe_cell(declaration.title[: LIMITS["title"]]),
        safe_cell(declaration.first_name[: LIMITS["first_name"]]),
        safe_cell(declaration.last_name[: LIMITS["last_name"]]),
        safe_cell(declaration.house_name_or_number[: LIMITS["house_name_or_number"]]),
        safe_cell(declaration.postcode),
        "",  # aggregated donations: only for small anonymous gifts, which we do not claim this way
        "",  # sponsored event: "Yes" for sponsorship money; online donations are not
        paid_on.strftime("%d/%m/%y"),
        f"{donation.amount:.2f}",
    ]


def schedule_csv(donations) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(SCHEDULE_HEADERS)
    for donation in donations:
        writer.writerow(schedule_row(donation))
    return buffer.getvalue()


def create_claim(date_from: datetime.date, date_to: datetime.date, user=None) -> GiftAidClaim | None:
    """Export the unclaimed donations in the range and mark them claimed, in one transaction. None if there are none."""
    if date_from > date_to:
        raise ValueError("The start date must be on or before the end date.")
    with transaction.atomic():
        donations = list(
            claimable(date_from, date_to)
            .select_for_update()
            .select_related("gift_aid_declaration")
            .order_by("confirmed_at", "pk")
        )
        if not donations:
            return None
        claim = GiftAidClaim.objects.create(
            created_by=user if getattr(user, "is_authenticated", False) else None,
            date_from=date_from,
            date_to=date_to,
            donation_count=len(donations),
            total_amount=sum((d.amount for d in donations), Decimal("0")),
            schedule_csv=schedule_csv(donations),
        )
        marked = Donation.objects.filter(pk__in=[d.pk for d in donations], gift_aid_claim__isnull=True).update(
            gift_aid_claim=claim
        )
        if marked != len(donations):  # someone else claimed some of them at the same moment
            raise RuntimeError("Some donations were claimed by another export; nothing was claimed. Try again.")
    return claim


def claimable_summary(date_from: datetime.date, date_to: datetime.date) -> dict:
    totals = claimable(date_from, date_to).aggregate(total=Sum("amount"))
    total = totals["total"] or Decimal("0")
    return {"count": claimable(date_from, date_to).count(), "total": total}
