"""The two e-mails trial alerts send. Headers carry only our fixed text, links we made and the validated address.

Both carry List-Unsubscribe and List-Unsubscribe-Post (RFC 8058): mail programs that offer their own "unsubscribe"
button send the one-click POST the unsubscribe link accepts.
"""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from cancerinfo.jobs.mail import idempotent_message_id


def _send(alert, subject: str, template: str, context: dict, unsubscribe_url: str, message_id: str | None = None):
    headers = {"List-Unsubscribe": f"<{unsubscribe_url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    if message_id:
        headers["Message-ID"] = message_id
    body = render_to_string(template, {"alert": alert, "unsubscribe_url": unsubscribe_url, **context})
    EmailMessage(subject=subject, body=body, to=[alert.email], headers=headers).send(fail_silently=False)


def send_confirmation(alert, confirm_url: str, unsubscribe_url: str, confirm_by) -> None:
    _send(
        alert,
        "Confirm your clinical trial alert",
        "trialalerts/email/confirm.txt",
        {"confirm_url": confirm_url, "confirm_by": confirm_by},
        unsubscribe_url,
    )


def send_alert(alert, items, more: int, finder_url: str, unsubscribe_url: str, expires) -> None:
    """items: (trial, nearby, trial_url) for each trial that opened near the person, nearest first."""
    count = len(items) + more
    subject = (
        f"A new clinical trial for {alert.cancer_type.name.lower()} near {alert.district}"
        if count == 1
        else f"{count} new clinical trials for {alert.cancer_type.name.lower()} near {alert.district}"
    )
    trial_ids = "-".join(str(trial.pk) for trial, _, _ in items)
    _send(
        alert,
        subject,
        "trialalerts/email/alert.txt",
        {"items": items, "more": more, "count": count, "finder_url": finder_url, "expires": expires},
        unsubscribe_url,
        message_id=idempotent_message_id("trial-alert", alert.pk, trial_ids),
    )
