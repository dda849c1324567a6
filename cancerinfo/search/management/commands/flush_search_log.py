"""manage.py flush_search_log: move buffered search counts from the cache into the database (run it from cron)."""

from django.core.management.base import BaseCommand

from cancerinfo.search import querylog


class Command(BaseCommand):
    help = "Write the search counts buffered in the cache to the database. Safe to run often (every 5 minutes)."

    def handle(self, *args, **options):
        written = querylog.flush()
        self.stdout.write(f"Search log: {written} queries written.")
