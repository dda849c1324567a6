"""manage.py import_questions PATH: import MedQuAD-format XML (a file or a folder of files) as question pages."""

import datetime
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cancerinfo.questions.importer import QuestionImporter, xml_files


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--reviewed-on must be a date like 2026-11-27, not {value!r}") from exc


class Command(BaseCommand):
    help = (
        "Import questions and answers from MedQuAD XML (e.g. ../shared/data/medquad-cancergov/1_CancerGov_QA/). "
        "Safe to re-run: changed answers are updated in place, nothing is duplicated; malformed files are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="An XML file or a folder of XML files.")
        parser.add_argument(
            "--reviewed-on",
            help="The date our team checked this batch (YYYY-MM-DD); recorded as 'Last reviewed' on new and changed "
            "answers. Default: today.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Never show the progress bar.")

    def handle(self, *args, path, reviewed_on=None, no_progress=False, **options):
        source = Path(path)
        if not source.exists():
            raise CommandError(f"{source} does not exist.")
        files = xml_files(source)
        if not files:
            raise CommandError(f"{source} holds no .xml files.")
        try:
            importer = QuestionImporter(reviewed_on=_date(reviewed_on) if reviewed_on else None)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

        started = time.perf_counter()
        show_bar = not no_progress and sys.stderr.isatty()
        with tqdm(total=len(files), unit="file", desc="Importing questions", disable=not show_bar) as bar:
            report = importer.run(files, progress=lambda _path: bar.update(1))
        seconds = time.perf_counter() - started

        for file_path, reason in report.skipped_files:
            self.stderr.write(self.style.ERROR(f"Skipped {file_path}: {reason}"))
        self.stdout.write(report.summary())
        self.stdout.write(self.style.SUCCESS(f"Done in {seconds:.1f} s."))
