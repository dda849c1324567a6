"""Money typed by strangers: parse pounds and pence strictly, format it, and work out what Gift Aid adds.

Amounts are Decimal from the first character to the database; floats never touch them.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError

PENNY = Decimal("0.01")
GIFT_AID_RATE = Decimal("0.25")  # basic-rate tax reclaimed: 25p for every £1

# Whole pounds with optional thousands commas ("1,000") or without ("1000"), then optional pence.
_AMOUNT = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
_LOOKS_NEGATIVE = re.compile(r"^\s*(?:-|\(|−|minus\b)", re.IGNORECASE)
MAX_INPUT_LENGTH = 20


def minimum_amount() -> Decimal:
    return Decimal(str(getattr(settings, "DONATIONS_MIN_AMOUNT", "2")))


def maximum_amount() -> Decimal:
    return Decimal(str(getattr(settings, "DONATIONS_MAX_AMOUNT", "10000")))


def format_pounds(amount: Decimal) -> str:
    """£10, £12.50, £1,000: whole pounds without pence, otherwise always two decimal places."""
    amount = Decimal(amount).quantize(PENNY)
    if amount == amount.to_integral_value():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"


def too_small_message() -> str:
    return f"The smallest amount you can give online is {format_pounds(minimum_amount())}"


def too_large_message() -> str:
    return (
        f"The largest amount you can give online is {format_pounds(maximum_amount())}. "
        "To give more, please call us and we will help."
    )


def parse_amount(raw) -> Decimal:
    """Turn what someone typed ("15", "£15.50", "1,000") into pounds, or raise a ValidationError that says why not."""
    text = "" if raw is None else str(raw).strip()
    if not text:
        raise ValidationError("Enter an amount, like 15 or 15.50", code="required")
    if _LOOKS_NEGATIVE.match(text):
        raise ValidationError("Enter an amount greater than zero, like 15 or 15.50", code="negative")
    if text.startswith("£"):
        text = text[1:].strip()
    if len(text) > MAX_INPUT_LENGTH:
        if text.replace(",", "").replace(".", "").isdigit():
            raise ValidationError(too_large_message(), code="max")
        raise ValidationError("Enter the amount as a number, like 15 or 15.50", code="invalid")
    # ASCII digits only: Decimal would also accept "NaN", "Infinity", "1e3" and digits from other scripts.
    match = _AMOUNT.match(text) if text.isascii() else None
    if match is None:
        raise ValidationError("Enter the amount as a number, like 15 or 15.50", code="invalid")
    pence = match.group(1)
    if pence is not None and len(pence) > 2:
        raise ValidationError(
            "Enter the amount in pounds and pence, with no more than 2 numbers after the point, like 15.50",
            code="pennies",
        )
    amount = Decimal(text.replace(",", "")).quantize(PENNY)
    if amount <= 0:
        raise ValidationError("Enter an amount greater than zero, like 15 or 15.50", code="zero")
    if amount < minimum_amount():
        raise ValidationError(too_small_message(), code="min")
    if amount > maximum_amount():
        raise ValidationError(too_large_message(), code="max")
    return amount


def gift_aid_value(amount: Decimal) -> Decimal:
    """What the charity receives with Gift Aid: £10 becomes £12.50."""
    return (Decimal(amount) * (1 + GIFT_AID_RATE)).quantize(PENNY, rounding=ROUND_HALF_UP)


def to_pence(amount: Decimal) -> int:
    return int((Decimal(amount) * 100).quantize(Decimal(1)))


def from_pence(pence: int) -> Decimal:
    return (Decimal(int(pence)) / 100).quantize(PENNY)
