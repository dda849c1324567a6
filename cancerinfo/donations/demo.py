"""Demo content for "Support us": suggested amounts and what each pays for. Our own sample wording."""

from decimal import Decimal

from .models import MONTHLY, ONE_OFF, DonationPage, SuggestedAmount

SUGGESTED_AMOUNTS = [
    (ONE_OFF, "10", "could pay for a nurse to answer two calls to our helpline"),
    (ONE_OFF, "25", "could print and post five booklets to people who asked for them"),
    (ONE_OFF, "50", "could keep our information checked by experts for a day"),
    (MONTHLY, "5", "could help answer a question sent to our nurses online"),
    (MONTHLY, "10", "could help us reach someone newly diagnosed"),
    (MONTHLY, "20", "could fund a helpline call every week"),
]


def load(areas, stdout) -> None:
    page = areas.get("support-us")
    if page is None or not isinstance(page.specific, DonationPage):
        stdout.write("Donations: the support-us area is not a donation page; skipped.")
        return
    page = page.specific
    if page.suggested_amounts.exists():
        stdout.write("Donations: suggested amounts already set.")
        return
    for order, (frequency, amount, pays_for) in enumerate(SUGGESTED_AMOUNTS):
        page.suggested_amounts.add(
            SuggestedAmount(frequency=frequency, amount=Decimal(amount), pays_for=pays_for, sort_order=order)
        )
    if not page.body:
        page.body = [
            (
                "paragraph",
                "<h3>How your money helps</h3><p>Sample content: the amounts above and what they pay for are "
                "examples written for this demonstration, not real figures.</p>",
            ),
        ]
    page.save_revision().publish()
    stdout.write(f"Donations: {len(SUGGESTED_AMOUNTS)} suggested amounts added.")
