from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cancerinfo.trials.services import load_postcode_districts


class Command(BaseCommand):
    help = (
        "Load UK postcode district centres (outward code, latitude, longitude) from a CSV with columns "
        "Postcode, Latitude, Longitude (the shared data set by default). Replaces what was there. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(settings.TRIALS_POSTCODE_DISTRICTS_CSV))

    def handle(self, *args, path, **options):
        try:
            loaded, skipped = load_postcode_districts(path)
        except FileNotFoundError as exc:
            raise CommandError(f"No such file: {path}") from exc
        self.stdout.write(self.style.SUCCESS(f"Loaded {loaded} postcode districts ({skipped} rows without a place)."))
