"""Placing orders and moving them through fulfilment. Plain functions; views and commands call these.

`send_order_form` is the order form: each form carries a one-time token kept in the session, so a repeat (double
click, refresh, back button) shows the first order instead of placing another.
"""

import csv
import datetime
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from cancerinfo.core.outputs import service_identity
from cancerinfo.core.short_references import new_short_reference

from .basket import clear as clear_basket
from .forms import OrderForm, postcode_district
from .models import Order, OrderEvent, OrderLine, Publication
from .pdf import html_to_pdf

logger = logging.getLogger(__name__)

TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


class OrderProblem(Exception):
    """The order cannot be placed as it is (stock, out of print); the message is for the reader."""


def new_reference() -> str:
    return new_short_reference("CI")


def order_for_token(token: str) -> Order | None:
    if not TOKEN_PATTERN.fullmatch(token or ""):  # what a stranger posts is checked before it reaches the database
        return None
    return Order.objects.filter(submission_token=token).first()


ORDER_TOKENS_KEY = "publications_order_tokens"
PLACED_ORDERS_KEY = "publications_placed_orders"
KEPT_PER_SESSION = 10


@dataclass
class Allowance:
    """The sender's connection's daily allowance of orders; the view binds the throttle to the request."""

    blocked: Callable[[], bool]
    record: Callable[[], object]


@dataclass
class Attempt:
    """What sending the order form did: the order placed (or found again), or the form with its errors."""

    order: Order | None = None
    status: int = 400


def _kept(session, key: str) -> list[str]:
    return [value for value in session.get(key, []) if isinstance(value, str)]


def issue_token(session) -> str:
    """A token for a new order form, remembered in the session (the last few only)."""
    token = OrderForm.new_token()
    session[ORDER_TOKENS_KEY] = [*_kept(session, ORDER_TOKENS_KEY)[-(KEPT_PER_SESSION - 1) :], token]
    return token


def placed_here(session, reference: str) -> bool:
    """Was this order placed from this browser? Only then is its confirmation shown."""
    return reference in _kept(session, PLACED_ORDERS_KEY)


def order_sent_before(session, token: str) -> Order | None:
    """The order this browser already placed with this form token, if the form is being sent again."""
    existing = order_for_token(token) if token else None
    if existing is not None and placed_here(session, existing.reference):
        return existing
    return None


def send_order_form(session, form: OrderForm, basket_lines: list, allowance: Allowance, catalogue_url: str) -> Attempt:
    """Place the order on a bound order form. On success the basket is emptied and the confirmation sent; otherwise
    the form carries the problem and a fresh token for the next attempt."""
    attempt = Attempt()
    problem = ""
    if form.is_valid() and form.cleaned_data["token"] not in _kept(session, ORDER_TOKENS_KEY):
        form.add_error(None, "This form has expired. Check your details and send it again.")
    if form.is_valid():
        line_problems = [f"{line.publication.title}: {line.problem}" for line in basket_lines if line.problem]
        if not basket_lines:
            problem = "Your basket is empty. Choose the publications you would like first."
        elif line_problems:
            problem = " ".join(line_problems) + " Change your basket, then send the form again."
        elif allowance.blocked():
            problem = (
                "We have had several orders from your connection today, which is our limit. Please try again "
                "tomorrow, or call us if you need more copies."
            )
            attempt.status = 429
        else:
            try:
                order, created = place_order(form.cleaned_data, basket_lines, form.is_professional)
            except OrderProblem as error:
                problem = str(error)
            else:
                if created:
                    allowance.record()
                placed = _kept(session, PLACED_ORDERS_KEY)[-(KEPT_PER_SESSION - 1) :]
                session[PLACED_ORDERS_KEY] = [*placed, order.reference]
                clear_basket(session)
                if created:
                    send_confirmation(order, catalogue_url)
                return Attempt(order=order, status=302)
    if problem:
        form.add_error(None, problem)
    # A fresh token for the next attempt keeps the form usable.
    data = form.data.copy()
    data["token"] = issue_token(session)
    form.data = data
    return attempt


def place_order(cleaned: dict, basket_lines: list, professional: bool) -> tuple[Order, bool]:
    """Create the order once per form token. Returns (order, created); a repeat of the token returns the first."""
    token = cleaned["token"]
    existing = order_for_token(token)
    if existing is not None:
        return existing, False
    if not basket_lines:
        raise OrderProblem("Your basket is empty.")
    try:
        with transaction.atomic():
            # Stock first: its row locks make orders for the same titles wait for each other, so the limits below
            # count every order that finished before this one (a burst of duplicates cannot all slip through).
            _take_stock(basket_lines)
            check_limits(cleaned, basket_lines)
            order = Order.objects.create(
                reference=_unique_reference(),
                submission_token=token,
                is_professional=professional,
                organisation=cleaned.get("organisation", "") if professional else "",
                job_role=cleaned.get("job_role", "") if professional else "",
                name=cleaned["name"],
                address_line_1=cleaned["address_line_1"],
                address_line_2=cleaned.get("address_line_2", ""),
                town=cleaned["town"],
                county=cleaned.get("county", ""),
                postcode=cleaned["postcode"],
                postcode_district=postcode_district(cleaned["postcode"]),
                email=cleaned.get("email", ""),
            )
            OrderLine.objects.bulk_create(
                [
                    OrderLine(
                        order=order,
                        publication=line.publication,
                        code=line.publication.code,
                        title=line.publication.title,
                        format=line.format,
                        quantity=line.quantity,
                    )
                    for line in basket_lines
                ]
            )
            OrderEvent.objects.create(order=order, action="placed", to_status=order.status)
    except IntegrityError:
        # The same token sent twice at once (a double click): the first request won.
        existing = order_for_token(token)
        if existing is None:
            raise
        return existing, False
    return order, True


class DuplicateOrder(OrderProblem):
    """The same publications were ordered to the same address a short while ago."""


def _orders_to(cleaned: dict, hours: int):
    """Orders (not cancelled) placed in the last `hours` for this postcode, and for this postal address."""
    since = timezone.now() - datetime.timedelta(hours=hours)
    recent = Order.objects.filter(created_at__gte=since).exclude(status=Order.STATUS_CANCELLED)
    at_postcode = recent.filter(postcode=cleaned["postcode"])
    street = " ".join(cleaned["address_line_1"].split())
    return at_postcode, at_postcode.filter(address_line_1__iexact=street)


def _items(lines) -> list[tuple[str, str, int]]:
    return sorted((line.code, line.format, line.quantity) for line in lines)


def check_limits(cleaned: dict, basket_lines: list) -> None:
    """Free copies cannot be drained by one sender: a repeat of an order sent to the same address within
    PUBLICATIONS_DUPLICATE_ORDER_HOURS is refused, and so is any order past the daily limits per postal address
    and per postcode. Cancelled orders do not count."""
    _, recent_at_address = _orders_to(cleaned, settings.PUBLICATIONS_DUPLICATE_ORDER_HOURS)
    wanted = sorted((line.publication.code, line.format, line.quantity) for line in basket_lines)
    for earlier in recent_at_address.prefetch_related("lines"):
        if _items(earlier.lines.all()) == wanted:
            raise DuplicateOrder(
                "These publications were ordered for this address a short while ago, so we have not ordered them "
                "again. They are on their way. If they do not arrive within 10 working days, please call us."
            )
    at_postcode, at_address = _orders_to(cleaned, 24)
    if at_address.count() >= settings.PUBLICATIONS_ORDERS_PER_ADDRESS_PER_DAY:
        raise OrderProblem(
            "We have had several orders for this address today, which is our limit. Please try again tomorrow, "
            "or call us if you need more copies."
        )
    if at_postcode.count() >= settings.PUBLICATIONS_ORDERS_PER_POSTCODE_PER_DAY:
        raise OrderProblem(
            "We have had many orders for this postcode today, which is our limit. Please try again tomorrow, "
            "or call us if you need more copies."
        )


def _unique_reference() -> str:
    for _ in range(10):
        reference = new_reference()
        if not Order.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find a free order reference")


def _take_stock(basket_lines: list) -> None:
    per_title: dict[int, tuple[Publication, int]] = {}
    for line in basket_lines:
        publication, copies = per_title.get(line.publication.pk, (line.publication, 0))
        per_title[line.publication.pk] = (publication, copies + line.quantity)
    for pk, (publication, copies) in sorted(per_title.items()):
        # One conditional UPDATE per title: two orders cannot both take the last copies.
        taken = Publication.objects.filter(pk=pk, out_of_print=False, stock_count__gte=copies).update(
            stock_count=F("stock_count") - copies
        )
        if not taken:
            publication.refresh_from_db()
            if publication.out_of_print:
                raise OrderProblem(f"{publication.title} is now out of print. Remove it from your basket.")
            raise OrderProblem(
                f"We have only {publication.stock_count} copies of {publication.title} left. "
                "Change the number in your basket."
            )


def return_stock(order: Order) -> None:
    for line in order.lines.exclude(publication=None):
        Publication.objects.filter(pk=line.publication_id).update(stock_count=F("stock_count") + line.quantity)


def send_confirmation(order: Order, catalogue_url: str = "") -> bool:
    if not order.email:
        return False
    body = render_to_string(
        "publications/email/order_confirmation.txt", {"order": order, "catalogue_url": catalogue_url}
    )
    try:
        send_mail(f"Your order {order.reference}", body, settings.DEFAULT_FROM_EMAIL, [order.email])
    except Exception:  # a mail outage must not lose the order; it is logged and the page still confirms
        logger.exception("Could not send the confirmation for order %s", order.reference)
        return False
    return True


def change_status(orders, status: str, user) -> tuple[list[Order], list[Order]]:
    """Move each order to status where allowed; returns (changed, skipped). Every change is audited."""
    changed, skipped = [], []
    now = timezone.now()
    with transaction.atomic():
        for order in orders:
            if not order.can_become(status):
                skipped.append(order)
                continue
            previous = order.status
            order.status = status
            order.status_changed_at = now
            if status == Order.STATUS_DISPATCHED:
                order.dispatched_at = now
            order.save(update_fields=["status", "status_changed_at", "dispatched_at"])
            if status == Order.STATUS_CANCELLED:
                return_stock(order)
            OrderEvent.objects.create(order=order, user=user, action="status", from_status=previous, to_status=status)
            changed.append(order)
    return changed, skipped


def record(orders, user, action: str, detail: str = "") -> None:
    OrderEvent.objects.bulk_create([OrderEvent(order=o, user=user, action=action, detail=detail[:255]) for o in orders])


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value) -> str:
    """A spreadsheet never runs what a stranger typed: cells that start like a formula get a leading quote."""
    text = "" if value is None else str(value)
    text = text.replace("\r", " ").replace("\n", " ")
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


CSV_COLUMNS = [
    "reference",
    "date",
    "status",
    "name",
    "job_role",
    "organisation",
    "address_line_1",
    "address_line_2",
    "town",
    "county",
    "postcode",
    "items",
    "total_copies",
]


def orders_csv(orders) -> str:
    """The mailing house's file: one row per order, items as CODE x copies (format)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for order in orders:
        lines = list(order.lines.all())
        items = "; ".join(f"{line.code} x {line.quantity} ({line.format_label})" for line in lines)
        row = [
            order.reference,
            timezone.localtime(order.created_at).strftime("%Y-%m-%d"),
            order.get_status_display(),
            order.name,
            order.job_role,
            order.organisation,
            order.address_line_1,
            order.address_line_2,
            order.town,
            order.county,
            order.postcode,
            items,
            sum(line.quantity for line in lines),
        ]
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def packing_slips_html(orders) -> str:
    identity = service_identity()
    return render_to_string(
        "publications/pdf/packing_slips.html",
        {
            "orders": orders,
            "site_name": identity.service_name,
            "identity": identity,
            "printed_at": timezone.localtime(),
        },
    )


def packing_slips_pdf(orders) -> bytes:
    return html_to_pdf(packing_slips_html(orders), base_url="http://localhost/", tagged=False)


def purge_addresses(days: int, now: datetime.datetime | None = None) -> int:
    """Blank the postal details of orders dispatched (or cancelled) more than `days` days ago, and of every other
    order placed more than `days` days ago whatever its state: an order left new or packed keeps no address forever.

    Orders, their lines (titles and copies) and the postcode district stay, so counts and reports still work.
    """
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=days)
    due = Order.objects.filter(address_purged_at=None).filter(
        Q(status=Order.STATUS_DISPATCHED, dispatched_at__lt=cutoff)
        | Q(status=Order.STATUS_CANCELLED, status_changed_at__lt=cutoff)
        | Q(created_at__lt=cutoff)
    )
    purged = 0
    with transaction.atomic():
        for order in due.select_for_update():
            order.name = order.address_line_1 = order.address_line_2 = order.town = order.county = ""
            order.postcode = order.email = order.organisation = order.job_role = ""
            order.address_purged_at = now
            order.save()
            OrderEvent.objects.create(order=order, action="address purged", detail=f"after {days} days")
            purged += 1
    return purged
