"""Publish storm: readers on cached pages while an editor publishes one page a second.

gunicorn (2 sync workers, the page cache on, Redis shared by the workers and the publisher) serves a booklet's
sections, the home page and a question to wrk (a Lua script cycling through them), first for `--seconds` with no
publishing, then for the same time while another process publishes one section of a different booklet every second.
Only the published section, its booklet and its listings are dropped, so the cached path keeps its speed.
Goal: throughput while publishing >= 50% of the run without. Exits non-zero when it is missed.

Needs wrk and Redis (the in-process cache is private to each process: a publish in another process could not
reach the workers' copies). Usage: REDIS_URL=redis://127.0.0.1:6379/11 python bench/publish_storm.py [--seconds 30]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _servers import refuse_busy_ports, stop, wait_for  # noqa: E402
from load import ROOT, demo_site, gunicorn, rotating_script, run_wrk  # noqa: E402

PORT = int(os.environ.get("BENCH_STORM_PORT", "8503"))
GOAL = 0.5

PREPARE = r"""
import json
from cancerinfo.booklets.models import BookletPage
from cancerinfo.questions.models import QuestionPage
booklets = list(BookletPage.objects.live().order_by("path"))
read, published = booklets[0], booklets[-1]
urls = [read.url] + [s.url for s in read.get_children().live()] + ["/"]
urls += [q.url for q in QuestionPage.objects.live()[:5]]
print("BENCH " + json.dumps({"read": urls, "publish": [s.pk for s in published.get_children().live()]}))
"""

PUBLISH = r"""
import sys, time
from wagtail.models import Page
ids = [int(i) for i in sys.argv[-2].split(",")]
seconds = int(sys.argv[-1])
started = time.monotonic()
n = 0
while time.monotonic() - started < seconds:
    page = Page.objects.get(pk=ids[n % len(ids)]).specific
    page.title = page.title.split(" (edition")[0] + f" (edition {n})"
    page.save_revision().publish()
    n += 1
    time.sleep(max(0.0, started + n - time.monotonic()))
print(f"PUBLISHED {n}")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("publish storm: skipped, wrk is not installed (apt-get install wrk)")
        return 0
    if not os.environ.get("REDIS_URL"):
        print("publish storm: skipped, set REDIS_URL (the workers and the publisher must share one cache)")
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="cancerinfo-storm-"))
    print("Setting up a demo database ...", flush=True)
    # The immediate task backend would warm pages inside the publisher: measure the readers' side alone.
    env, manage = demo_site(tmp, PAGE_CACHE_SECONDS="300", PAGE_CACHE_WARM_ON_PUBLISH="false")
    out = subprocess.run(
        manage + ["shell", "-c", PREPARE], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    site = json.loads(out.stdout.split("BENCH ", 1)[1])
    script = rotating_script(tmp, "read", site["read"])

    refuse_busy_ports(PORT)
    server = gunicorn("cancerinfo.wsgi:application", PORT, env, ROOT)
    app = f"http://127.0.0.1:{PORT}"
    try:
        for url in site["read"]:
            wait_for(app + url)
        quiet = run_wrk(app + "/", args.seconds, args.connections, script)
        publisher_output: list[str] = []

        def publish() -> None:
            ids = ",".join(str(pk) for pk in site["publish"])
            result = subprocess.run(
                manage + ["shell", "-c", f"import sys; sys.argv += {[ids, str(args.seconds)]!r}; " + PUBLISH],
                env=env, cwd=ROOT, capture_output=True, text=True, check=False,
            )  # fmt: skip
            publisher_output.append(result.stdout + result.stderr)

        publisher = threading.Thread(target=publish)
        publisher.start()
        storm = run_wrk(app + "/", args.seconds, args.connections, script)
        publisher.join(timeout=args.seconds + 120)
        published = next((line for line in "".join(publisher_output).splitlines() if line.startswith("PUBLISHED")), "")
        ratio = storm["rps"] / quiet["rps"] if quiet["rps"] else 0.0
        for label, f in (("without publishing", quiet), ("publishing 1/s", storm)):
            print(f"{label:<20} {f['rps']:>8.0f} req/s  p50 {f['p50_ms']:6.1f} ms  p99 {f['p99_ms']:7.1f} ms  "
                  f"non-2xx {f['non_2xx']}")  # fmt: skip
        print(f"pages published during the storm: {published.split()[-1] if published else 'NONE'}")
        ok = ratio >= GOAL and bool(published) and not storm["non_2xx"]
        print(f"cached-path throughput while publishing: {ratio:.0%} of without (goal >= {GOAL:.0%}): "
              f"{'ok' if ok else 'MISSED'}")  # fmt: skip
        return 0 if ok else 1
    finally:
        stop([server])
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
