from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cancerinfo.publications.models import Order
from cancerinfo.publications.orders import purge_addresses


class Command(BaseCommand):
    help = (
        "Remove the names, postal addresses and emails of orders dispatched (or cancelled) more than N days ago. "
        "Orders, titles and copies are kept for reporting. Safe to run again (e.g. nightly)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=getattr(settings, "PUBLICATIONS_ADDRESS_RETENTION_DAYS", 90),
            help="Keep addresses this many days after dispatch (default: PUBLICATIONS_ADDRESS_RETENTION_DAYS, 90).",
        )

    def handle(self, *args, days, **options):
        if days < 0:
            raise CommandError("--days must be 0 or more")
        purged = purge_addresses(days)
        kept = Order.objects.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Removed addresses from {purged} order(s) older than {days} days; {kept} order(s) kept."
            )
        )
