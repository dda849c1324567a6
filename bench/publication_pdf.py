"""How long a booklet's PDF takes to make (WeasyPrint), with its page count and size.

Goals: the longest demo booklet in 5 s or less; a generated 100-section booklet in 30 s or less.
Runs on a throw-away SQLite database with the demo booklets loaded (cancerinfo.booklets.demo).
Usage: .venv/bin/python bench/publication_pdf.py
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = tempfile.mkdtemp(prefix="bench-publication-pdf-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cancerinfo.settings.test")
os.environ["PUBLICATIONS_PDF_ON_PUBLISH"] = "false"  # measure here, not while loading

GOAL_DEMO = 5.0
GOAL_LARGE = 30.0
SECTIONS = 100


def setup_django():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def generated_booklet(areas):
    """A 100-section booklet with the blocks real booklets use: headings, lists, callouts, key points, tables."""
    from cancerinfo.booklets.models import BookletPage, BookletSectionPage
    from cancerinfo.core.demo import ensure_child

    booklet = ensure_child(areas["cancer-types"], BookletPage, "bench-100-sections", "Bench booklet: 100 sections")
    booklet.summary = "A generated booklet for measuring PDF generation. Sample content."
    booklet.references = [
        ("reference", {"title": f"Generated reference {n}", "source": "Bench", "year": 2026, "url": ""})
        for n in range(1, 21)
    ]
    booklet.save_revision().publish()
    paragraph = (
        "<p>This is generated sample text of ordinary length. It says what happens, why it matters and what you can "
        "do about it, in short sentences and plain words, the way our booklets are written.</p>"
    )
    for number in range(1, SECTIONS + 1):
        body = [
            ("paragraph", paragraph * 2 + f"<h3>What to expect {number}</h3>" + paragraph),
            ("callout", {"heading": "Talk to your doctor or nurse", "text": "<p>Ask about anything unclear.</p>"}),
            ("paragraph", "<ul><li>One point</li><li>Another point</li><li>A third point</li></ul>" + paragraph),
            ("key_points", {"heading": "Key points", "points": ["First", "Second", "Third"]}),
        ]
        section = BookletSectionPage(title=f"Section {number}: generated", slug=f"section-{number}", body=body)
        booklet.add_child(instance=section)
        section.save_revision().publish()
    booklet.refresh_from_db()
    return booklet


def measure(booklet, variant):
    from pypdf import PdfReader

    from cancerinfo.publications import pdf

    started, cpu_started = time.perf_counter(), time.process_time()
    data = pdf.render_booklet_pdf(booklet, variant)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return seconds, cpu, len(PdfReader(io.BytesIO(data)).pages), len(data)


def report(label, seconds, cpu, pages, size, goal):
    verdict = "ok" if seconds <= goal else "OVER GOAL"
    print(
        f"{label:<50} {seconds:6.2f} s (CPU {cpu:5.2f} s)  {pages:4d} pages  {size / 1024:7.1f} KiB  "
        f"goal ≤ {goal:.0f} s: {verdict}"
    )
    return seconds <= goal


def main():
    setup_django()
    from cancerinfo.booklets import demo as booklets_demo
    from cancerinfo.booklets.services import booklet_sections
    from cancerinfo.core.demo import build_site
    from cancerinfo.publications import pdf as pdf_service

    areas = build_site()
    booklets_demo.load(areas, io.StringIO())

    from cancerinfo.booklets.models import BookletPage

    demo_booklets = list(BookletPage.objects.live())
    if not demo_booklets:
        print("No demo booklets to measure.")
        return 1

    def size_of(booklet):
        sections = booklet_sections(booklet, specific=True)
        return len(sections), sum(len(str(section.body.raw_data)) for section in sections)

    longest = max(demo_booklets, key=size_of)
    sections, characters = size_of(longest)
    print(
        f"Demo booklets: {len(demo_booklets)}. Longest: {longest.title!r} ({sections} sections, "
        f"{characters} characters of content)."
    )
    pdf_service.render_booklet_pdf(longest)  # warm up fonts and templates once, as a running server would be
    met = []
    for variant in pdf_service.VARIANTS:
        met.append(report(f"Longest demo booklet ({variant})", *measure(longest, variant), GOAL_DEMO))

    big = generated_booklet(areas)
    for variant in pdf_service.VARIANTS:
        met.append(report(f"Generated {SECTIONS}-section booklet ({variant})", *measure(big, variant), GOAL_LARGE))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"(Load average {load} on {os.cpu_count()} CPUs. Wall time grows when the machine is busy; CPU time is")
    print(f" what the same work costs on an idle core. Database: {WORK})")
    print(f"result: {'OK' if all(met) else 'OVER GOAL'}")
    return 0 if all(met) else 1


if __name__ == "__main__":
    sys.exit(main())
