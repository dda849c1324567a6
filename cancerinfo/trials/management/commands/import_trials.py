from django.core.management.base import BaseCommand, CommandError

from cancerinfo.trials.importer import import_path
from cancerinfo.trials.registries import clinicaltrials_gov

CLIENTS = {"clinicaltrials.gov": clinicaltrials_gov}


class Command(BaseCommand):
    help = (
        "Import clinical trials from ClinicalTrials.gov API v2 JSON: a file with one study per line, a JSON array, "
        "or a folder of such files. Creates or updates by registry id and keeps editors' plain-English fields. "
        "Bad records are reported with their line and skipped. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .ndjson/.json file or a folder of them.")
        parser.add_argument("--registry", choices=sorted(CLIENTS), default="clinicaltrials.gov")

    def handle(self, *args, path, registry, **options):
        def progress(count: int) -> None:
            self.stdout.write(f"  read {count} records…")

        try:
            report = import_path(
                path, client=CLIENTS[registry], progress=progress if options["verbosity"] > 1 else None
            )
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        for location, reason in report.skipped:
            self.stderr.write(f"Skipped {location}: {reason}")
        for line in report.summary_lines():
            self.stdout.write(line)
        if report.skipped:
            self.stdout.write(self.style.WARNING(f"{len(report.skipped)} bad records were skipped (listed above)."))
        else:
            self.stdout.write(self.style.SUCCESS("Import finished."))
