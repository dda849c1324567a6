import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cancerinfo.glossary.importer import ImportFileError, import_terms, read_records


class Command(BaseCommand):
    help = (
        "Import the NCI Dictionary of Cancer Terms (JSON) into the glossary, e.g. "
        "../shared/data/glossary/nci_glossary_terms.json. Safe to run again; editors' own definitions are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument("--quiet-problems", action="store_true", help="Count bad records without listing them.")

    def handle(self, *args, path: Path, quiet_problems=False, **options):
        started = time.perf_counter()
        try:
            records = read_records(path)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Read {len(records)} records from {path}.")
        bar = None
        if sys.stdout.isatty() and options.get("verbosity", 1) > 0:
            from tqdm import tqdm

            bar = tqdm(total=len(records), unit="term", desc="Glossary", leave=False)

        def progress(done, total):
            if bar is not None:
                bar.n = done
                if done == total or done % 250 == 0:
                    bar.refresh()

        report = import_terms(records, path=str(path), progress=progress)
        if bar is not None:
            bar.close()
        if not quiet_problems:
            for problem in report.problems:
                self.stderr.write(problem)
        self.stdout.write(
            self.style.SUCCESS(
                f"Glossary import: {report.created} created, {report.updated} updated, {report.unchanged} unchanged, "
                f"{report.kept_overrides} editor definitions kept, {report.skipped} bad records skipped "
                f"({time.perf_counter() - started:.1f}s)."
            )
        )
