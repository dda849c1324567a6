"""Benchmark: sending trial alerts after an import, with 10,000 trials, 100,000 sites and 5,000 alerts, on SQLite.

In a fresh temporary SQLite database: loads the UK postcode districts, makes 10,000 trials (a third recruiting,
one or two cancer types each, updated this year) with 100,000 sites (40% at UK postcode districts, the rest spread
over Europe), and 5,000 confirmed alerts at random UK districts and cancer types. Then it times `send_alerts()`
three times: the first run (every alert has news: the worst case), a run with nothing new (what most imports cost),
and a run after 100 new recruiting trials at UK sites. Mail goes to Django's in-memory outbox.

    .venv/bin/python bench/trial_alerts.py
"""

import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISTRICTS = ROOT.parent / "shared" / "data" / "uk-postcode-districts" / "postcode-districts.csv"
TRIALS = 10_000
SITES = 100_000
ALERTS = 5_000
NEW_TRIALS = 100
CANCER_TYPES = ["Breast cancer", "Prostate cancer", "Lung cancer", "Bowel cancer", "Myeloma", "Lymphoma", "Melanoma"]


def main() -> int:
    if not DISTRICTS.exists():
        print(f"skipped: {DISTRICTS} is absent (see ../shared/data/README.md)")
        return 0
    workdir = tempfile.mkdtemp(prefix="bench-alerts-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cancerinfo.settings.test")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    mail.outbox = []

    from cancerinfo.taxonomy.models import CancerType
    from cancerinfo.trialalerts.models import KnownTrial, TrialAlert
    from cancerinfo.trialalerts.services import send_alerts
    from cancerinfo.trials.choices import Status
    from cancerinfo.trials.models import PostcodeDistrict, Trial, TrialSite
    from cancerinfo.trials.services import load_postcode_districts

    load_postcode_districts(DISTRICTS)
    types = [CancerType.objects.get_or_create(name=name)[0] for name in CANCER_TYPES]
    rng = random.Random(22)
    districts = list(PostcodeDistrict.objects.values_list("outward_code", "latitude", "longitude"))
    today = timezone.localdate()

    def make_trials(count: int, prefix: str, recruiting_share: float, uk_only: bool, sites_each: float):
        trials = [
            Trial(
                registry_id=f"{prefix}{number:06d}",
                title=f"Generated trial {prefix}{number}",
                status=Status.RECRUITING if rng.random() < recruiting_share else Status.COMPLETED,
                last_updated=today - datetime.timedelta(days=rng.randint(0, 300)),
            )
            for number in range(count)
        ]
        Trial.objects.bulk_create(trials, batch_size=2000)
        ids = list(Trial.objects.filter(registry_id__startswith=prefix).values_list("pk", flat=True))
        through = Trial.cancer_types.through
        through.objects.bulk_create(
            [through(trial_id=tid, cancertype_id=ct.pk) for tid in ids for ct in rng.sample(types, rng.choice((1, 2)))],
            batch_size=5000,
        )
        sites = []
        for _ in range(int(count * sites_each)):
            if uk_only or rng.random() < 0.4:
                _, lat, lon = rng.choice(districts)
            else:
                lat, lon = rng.uniform(36, 60), rng.uniform(-10, 30)
            sites.append(
                TrialSite(
                    trial_id=rng.choice(ids),
                    name="Generated site",
                    latitude=lat + rng.uniform(-0.05, 0.05),
                    longitude=lon + rng.uniform(-0.05, 0.05),
                )
            )
        TrialSite.objects.bulk_create(sites, batch_size=5000)

    started = time.perf_counter()
    make_trials(TRIALS, "BENCH", 1 / 3, False, SITES / TRIALS)
    now = timezone.now()
    for number in range(ALERTS):
        code = rng.choice(districts)[0]
        TrialAlert.objects.create(email=f"person{number}@example.org", district=code, cancer_type=rng.choice(types))
    TrialAlert.objects.update(confirmed_at=now)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"data: {Trial.objects.count()} trials, {TrialSite.objects.count()} sites, {TrialAlert.objects.count()} "
        f"alerts, made in {time.perf_counter() - started:.1f} s"
    )

    def timed(label: str) -> None:
        before = len(mail.outbox)
        started = time.perf_counter()
        report = send_alerts()
        seconds = time.perf_counter() - started
        print(
            f"{label}: {seconds:.2f} s, {report.emails} e-mails about {report.trials} trials "
            f"({len(mail.outbox) - before} in the outbox)"
        )

    timed("first run, every alert has news")
    timed("nothing new")
    make_trials(NEW_TRIALS, "NEW", 1.0, True, 3)
    timed(f"after {NEW_TRIALS} new recruiting trials at UK sites")
    print(f"told-about rows: {KnownTrial.objects.count()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
