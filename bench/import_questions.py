"""Benchmark: import all MedQuAD cancer.gov questions into a fresh SQLite database, then render question pages.

Prints the import time (target: under 60 s for 729 questions), the time of a second, unchanged run, and the number
of SQL queries a question page, the index and a booklet section with its "Related questions" box take.

    .venv/bin/python bench/import_questions.py [PATH]
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "medquad-cancergov" / "1_CancerGov_QA"
TARGET_SECONDS = 60


def main() -> int:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA
    if not source.exists():
        print(f"skipped: {source} is absent (see ../shared/data/README.md)")
        return 0
    workdir = tempfile.mkdtemp(prefix="bench-questions-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cancerinfo.settings.test")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    try:
        call_command("migrate", verbosity=0)
        whole_site = True
    except Exception as exc:  # another app's migrations are broken: measure the import alone
        print(f"note: the full migration failed ({type(exc).__name__}: {exc}); measuring the import only")
        whole_site = False
        for app_label in ("wagtailcore", "wagtailsearch", "taxonomy", "core", "booklets", "questions"):
            call_command("migrate", app_label, verbosity=0)
    from wagtail.models import Page, Site

    from cancerinfo.core.models import HomePage
    from cancerinfo.questions.models import QuestionIndexPage

    home = Page.get_first_root_node().add_child(instance=HomePage(title="Home", slug="bench-home"))
    Site.objects.update(root_page=home)
    home.add_child(instance=QuestionIndexPage(title="Questions and answers", slug="questions"))

    from cancerinfo.questions.importer import QuestionImporter, xml_files
    from cancerinfo.questions.models import QuestionPage

    files = xml_files(source)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as import_queries:
        report = QuestionImporter().run(files)
    first_run = time.perf_counter() - started
    started = time.perf_counter()
    again = QuestionImporter().run(files)
    second_run = time.perf_counter() - started

    print(
        f"files: {len(files)}, questions: {report.questions} ({report.created} created), skipped files: "
        f"{len(report.skipped_files)}"
    )
    verdict = "OK" if first_run < TARGET_SECONDS else "TOO SLOW"
    print(
        f"import: {first_run:.1f} s  (target < {TARGET_SECONDS} s: {verdict}); "
        f"{len(import_queries) / max(report.questions, 1):.1f} queries per imported question"
    )
    print(
        f"re-import, nothing changed: {second_run:.1f} s ({again.unchanged} unchanged, {again.updated} updated, "
        f"{again.created} created)"
    )
    if not whole_site:
        return 0 if first_run < TARGET_SECONDS else 1

    client = Client()
    pages = list(QuestionPage.objects.live().order_by("?")[:20])
    counts = []
    for page in pages:
        client.get(page.url)  # warm the caches (site root paths, content types) as a running server would have them
        reset_queries()
        with CaptureQueriesContext(connection) as context:
            response = client.get(page.url)
        assert response.status_code == 200, (page.url, response.status_code)
        counts.append(len(context))
    index = QuestionIndexPage.objects.first()
    client.get(index.url)
    with CaptureQueriesContext(connection) as index_queries:
        client.get(index.url + "?page=3")

    print(f"queries per question page: min {min(counts)}, max {max(counts)} (over {len(counts)} pages)")
    print(f"queries for the question index, page 3: {len(index_queries)}")
    return 0 if first_run < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
