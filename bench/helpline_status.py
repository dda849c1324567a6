"""Benchmark: the helpline's "Open now / Opens at 9am Monday" line, rendered in the header of every page.

Uses the seeded schedule shape (Monday to Friday 9am to 5pm, 16 bank holidays, a few closures) held in the cache,
as on a live site after the first request. Prints the median cost of working out the status and of rendering the
header tag, and the number of SQL queries the tag makes. Target: under 0.2 ms a render and no queries.

    .venv/bin/python bench/helpline_status.py
"""

import datetime
import importlib
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 0.2
RUNS = 2001


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cancerinfo.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.template import Context, Template
    from django.test.utils import CaptureQueriesContext

    from cancerinfo.helpline.services import SCHEDULE_CACHE_KEY, Schedule, status_at

    seed = importlib.import_module("cancerinfo.helpline.migrations.0002_seed_hours_and_bank_holidays")
    hours = {day: (datetime.time(9), datetime.time(17)) for day in range(5)}
    holidays = {datetime.date.fromisoformat(day): name for day, name in seed.BANK_HOLIDAYS}
    closures = tuple(
        (datetime.date(2026, 12, day), datetime.date(2026, 12, day), "Closed for staff training") for day in (1, 8, 15)
    )
    schedule = Schedule(hours=hours, bank_holidays=holidays, closures=closures)
    cache.set(SCHEDULE_CACHE_KEY, schedule, 600)

    moments = [
        datetime.datetime(2026, 12, 24, 18, tzinfo=datetime.UTC),  # Christmas: walks forward five days
        datetime.datetime(2026, 11, 27, 12, tzinfo=datetime.UTC),  # open
        datetime.datetime(2026, 11, 28, 12, tzinfo=datetime.UTC),  # weekend
    ]
    compute = []
    for run in range(RUNS):
        start = time.perf_counter()
        status_at(moments[run % 3], schedule)
        compute.append((time.perf_counter() - start) * 1000)

    template = Template("{% load helpline_tags %}{% helpline_status %}")
    render = []
    with CaptureQueriesContext(connection) as queries:
        for _ in range(RUNS):
            start = time.perf_counter()
            template.render(Context({}))
            render.append((time.perf_counter() - start) * 1000)

    median_render = statistics.median(render)
    print(f"status computation, median: {statistics.median(compute):.4f} ms (worst case walks past Christmas)")
    print(f"header tag render, median:  {median_render:.4f} ms (target under {TARGET_MS} ms)")
    print(f"SQL queries in {RUNS} renders: {len(queries.captured_queries)} (target 0)")
    ok = median_render < TARGET_MS and not queries.captured_queries
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
