"""Amounts typed by donors are parsed strictly as pounds and pence, with a clear message for each mistake."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cancerinfo.donations.amounts import format_pounds, gift_aid_value, parse_amount


@pytest.mark.parametrize(
    ("typed", "pounds"),
    [
        ("2", "2.00"),
        ("15", "15.00"),
        ("15.5", "15.50"),
        ("15.50", "15.50"),
        ("£15.50", "15.50"),
        (" £ 20 ", "20.00"),
        ("1,000", "1000.00"),
        ("10000", "10000.00"),
        ("10,000.00", "10000.00"),
        ("0002.00", "2.00"),
    ],
)
def test_accepts_pounds_and_pence(typed, pounds):
    assert parse_amount(typed) == Decimal(pounds)


def _message(typed):
    with pytest.raises(ValidationError) as caught:
        parse_amount(typed)
    return caught.value.code, caught.value.messages[0]


@pytest.mark.parametrize("typed", ["10.001", "10.999", "2.505", "15.5000"])
def test_rejects_fractions_of_a_penny(typed):
    code, message = _message(typed)
    assert code == "pennies"
    assert "no more than 2 numbers after the point" in message


@pytest.mark.parametrize("typed", ["-5", "-0.01", "− 5", "(5)", "minus 5"])
def test_rejects_negative_amounts(typed):
    code, message = _message(typed)
    assert code == "negative"
    assert "greater than zero" in message


@pytest.mark.parametrize("typed", ["0", "0.00"])
def test_rejects_zero(typed):
    assert _message(typed)[0] == "zero"


@pytest.mark.parametrize("typed", ["1.99", "1", "0.50"])
def test_rejects_less_than_the_minimum(typed):
    code, message = _message(typed)
    assert code == "min"
    assert message == "The smallest amount you can give online is £2"


@pytest.mark.parametrize("typed", ["10000.01", "10001", "99999999", "1" * 19, "9" * 400, "1,000,000"])
def test_rejects_huge_amounts(typed):
    code, message = _message(typed)
    assert code == "max"
    assert message.startswith("The largest amount you can give online is £10,000")


@pytest.mark.parametrize(
    "typed",
    [
        "ten",
        "NaN",
        "nan",
        "Infinity",
        "inf",
        "1e3",
        "1E2",
        "0x10",
        "12abc",
        "1.2.3",
        "1,00",
        "12,34.5",
        ". 5",
        "١٠",
        "１０",
        "10 20",
        "£",
        "$10",
        "10%",
        "+10",
        "1_000",
        "x" * 500,
    ],
)
def test_rejects_things_that_are_not_amounts(typed):
    code, message = _message(typed)
    assert code == "invalid"
    assert message == "Enter the amount as a number, like 15 or 15.50"


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_asks_for_an_amount_when_blank(typed):
    assert _message(typed)[0] == "required"


def test_limits_follow_settings(settings):
    settings.DONATIONS_MIN_AMOUNT = "5"
    settings.DONATIONS_MAX_AMOUNT = "500"
    assert _message("4.99")[1] == "The smallest amount you can give online is £5"
    assert _message("500.01")[0] == "max"
    assert parse_amount("500") == Decimal("500.00")


@pytest.mark.parametrize(
    ("amount", "becomes"), [("10", "£12.50"), ("2", "£2.50"), ("15.50", "£19.38"), ("10000", "£12,500")]
)
def test_gift_aid_adds_a_quarter(amount, becomes):
    assert format_pounds(gift_aid_value(Decimal(amount))) == becomes
