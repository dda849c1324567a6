"""Email each page owner the pages they own that are overdue for review or due in the next 90 days.

The worker runs it every Monday morning (cancerinfo/governance/tasks.py). Safe to re-run: an owner gets one reminder a
day, however often it runs."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import timezone

from cancerinfo.governance import services
from cancerinfo.jobs.mail import idempotent_message_id


class Command(BaseCommand):
    help = "Email page owners about reviews that are overdue or due soon."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=services.REVIEW_WARNING_DAYS)
        parser.add_argument("--dry-run", action="store_true", help="Print who would be emailed; send nothing.")

    def handle(self, *args, days, dry_run, **options):
        items = services.review_due(within_days=days)
        fallback = getattr(settings, "GOVERNANCE_REVIEW_FALLBACK_EMAIL", "")
        sent = skipped = 0
        for owner, owned in services.by_owner(items):
            address = getattr(owner, "email", "") or fallback
            if not address:
                skipped += len(owned)
                self.stderr.write(f"No email address for {owned[0].owner_name}: {len(owned)} page(s) not sent")
                continue
            overdue = sum(1 for item in owned if item.overdue)
            subject = f"{len(owned)} page{'s' if len(owned) != 1 else ''} to review ({overdue} overdue)"
            body = render_to_string(
                "governance/email/review_reminder.txt",
                {"owner": owner, "items": owned, "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")},
            )
            if dry_run:
                self.stdout.write(f"Would email {address}: {subject}")
            else:
                message_id = idempotent_message_id("review-reminder", address, timezone.localdate().isoformat())
                EmailMessage(
                    subject, body, settings.DEFAULT_FROM_EMAIL, [address], headers={"Message-ID": message_id}
                ).send()
            sent += 1
        self.stdout.write(
            self.style.SUCCESS(f"{len(items)} page(s) due for review; {sent} owner(s) emailed; {skipped} without email")
        )
