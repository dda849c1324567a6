from django.core.management.base import BaseCommand, CommandError

from cancerinfo.trials.importer import import_path
from cancerinfo.trials.registries import clinicaltrials_gov, isrctn
from cancerinfo.trials.registries.base import SourceFileError

CLIENTS = {"clinicaltrials.gov": clinicaltrials_gov, "isrctn": isrctn}


class Command(BaseCommand):
    help = (
        "Import clinical trials from ClinicalTrials.gov API v2 JSON (a file with one study per line, a JSON array, "
        "or a folder of such files) or from ISRCTN XML (--registry isrctn; an .xml file is read as ISRCTN). "
        "Creates or updates by registry id, joins a trial registered in both registries into one, and keeps "
        "editors' plain-English fields. Bad records are reported with their line and skipped; a file that cannot "
        "be read as a whole stops the import and nothing is saved. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="A .ndjson/.json/.xml file or a folder of them.")
        parser.add_argument(
            "--registry",
            choices=sorted(CLIENTS),
            default=None,
            help="The registry's format (default: isrctn for an .xml file, clinicaltrials.gov otherwise).",
        )

    def handle(self, *args, path, registry, **options):
        def progress(count: int) -> None:
            self.stdout.write(f"  read {count} records…")

        if registry is None:
            registry = "isrctn" if str(path).lower().endswith(".xml") else "clinicaltrials.gov"
        try:
            report = import_path(
                path, client=CLIENTS[registry], progress=progress if options["verbosity"] > 1 else None
            )
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        except SourceFileError as exc:
            raise CommandError(f"{exc.location}: {exc.reason}. Nothing was imported.") from exc
        for location, reason in report.skipped:
            self.stderr.write(f"Skipped {location}: {reason}")
        for conflict in report.conflicts:
            self.stderr.write(f"Not linked: {conflict}")
        for line in report.summary_lines():
            self.stdout.write(line)
        if report.skipped:
            self.stdout.write(self.style.WARNING(f"{len(report.skipped)} bad records were skipped (listed above)."))
        else:
            self.stdout.write(self.style.SUCCESS("Import finished."))
