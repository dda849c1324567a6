"""manage.py load_spelling_variants [PATH]: British/American pairs from VarCon into search's spelling table."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cancerinfo.search.models import SpellingVariant
from cancerinfo.search.services import bump_version
from cancerinfo.search.spelling import parse_varcon


def default_path() -> Path:
    return Path(settings.SEARCH_DATA_DIR) / "spelling-variants" / "varcon" / "varcon.txt"


def load(path: Path) -> tuple[int, int]:
    """Insert the pairs not there yet. Returns (added, total)."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        pairs = dict(parse_varcon(handle))  # british -> american; the first (preferred) pair wins
    existing = set(SpellingVariant.objects.values_list("british", flat=True))
    new = [SpellingVariant(british=b, american=a) for b, a in pairs.items() if b not in existing and len(b) <= 80]
    with transaction.atomic():
        SpellingVariant.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    bump_version()
    return len(new), len(pairs)


class Command(BaseCommand):
    help = "Load British/American spelling pairs from VarCon (../shared/data/spelling-variants/varcon/varcon.txt)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="varcon.txt (default: under SEARCH_DATA_DIR)")

    def handle(self, *args, path=None, **options):
        source = Path(path) if path else default_path()
        if not source.exists():
            raise CommandError(f"{source} does not exist.")
        added, total = load(source)
        self.stdout.write(f"Spelling variants: {added} added ({total} pairs in {source.name}).")
