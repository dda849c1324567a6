"""Check every external link in published pages; store the results (Reports → Broken links) and print the broken ones.

Each distinct URL is checked once, with a timeout and a bounded number of checks at a time."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from cancerinfo.governance.links import check_urls, external_links
from cancerinfo.governance.models import LinkCheck


class Command(BaseCommand):
    help = "Check external links in published pages and report the broken ones."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=8, help="Links checked at the same time (default 8).")
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds to wait for each link.")

    def handle(self, *args, workers, timeout, **options):
        pages_links: dict[int, tuple[Page, list[str]]] = {}
        for page in Page.objects.live().specific().iterator(chunk_size=200):
            links = external_links(page)
            if links:
                pages_links[page.pk] = (page, links)
        urls = {url for _page, links in pages_links.values() for url in links}
        self.stdout.write(f"Checking {len(urls)} link(s) on {len(pages_links)} page(s)...")
        results = check_urls(urls, workers=min(max(workers, 1), 32), timeout=timeout)

        now = timezone.now()
        rows = []
        for page_id, (_page, links) in pages_links.items():
            for url in links:
                result = results[url]
                rows.append(
                    LinkCheck(
                        page_id=page_id,
                        url=url[:2000],
                        status_code=result.status_code,
                        error=result.error[:300],
                        ok=result.ok,
                        checked_at=now,
                    )
                )
        with transaction.atomic():
            LinkCheck.objects.all().delete()
            LinkCheck.objects.bulk_create(rows)

        broken = [row for row in rows if not row.ok]
        for row in broken:
            page = pages_links[row.page_id][0]
            self.stdout.write(f"BROKEN {row.outcome}: {row.url} on “{page.title}” (page {row.page_id})")
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(urls)} link(s) checked: {len(urls) - len({r.url for r in broken})} working, "
                f"{len({r.url for r in broken})} broken"
            )
        )
