"""manage.py search_index: build the search index now (embedding new and changed documents), and report it."""

import time

from django.core.management.base import BaseCommand

from cancerinfo.search import services
from cancerinfo.search.registry import counts_by_kind


class Command(BaseCommand):
    help = "Embed new and changed documents and check the search index builds. Run after big imports."

    def handle(self, *args, **options):
        started = time.perf_counter()

        def progress(message: str) -> None:
            self.stdout.write(f"[{time.perf_counter() - started:6.1f} s] {message}")
            self.stdout.flush()

        if services.backend() == "database":
            from cancerinfo.search import dbindex

            count = dbindex.rebuild(progress=progress, announce=True)  # every app server loads the new index
            self.stdout.write(
                f"Search index in the database: {count} documents, built in {time.perf_counter() - started:.1f} s."
            )
            return
        index = services.build_index(progress=progress)
        services.bump_version()  # every app server rebuilds too, reading the vectors stored now
        counts = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts_by_kind(index.documents).items()))
        semantic = "words and meaning" if index.vectors is not None else "words only (no embedding model)"
        self.stdout.write(
            f"Search index: {index.size} documents ({counts or 'none'}), ranking by {semantic}, "
            f"built in {time.perf_counter() - started:.1f} s."
        )
