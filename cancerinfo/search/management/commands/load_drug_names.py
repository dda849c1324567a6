"""manage.py load_drug_names [PATH]: brand, generic and code names of drugs from the NCI dictionary, as thesaurus
groups editors can change (see drugnames.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cancerinfo.search import drugnames
from cancerinfo.search.models import ThesaurusGroup
from cancerinfo.search.services import bump_version


def default_path() -> Path:
    return Path(settings.SEARCH_DATA_DIR) / "glossary" / "nci_glossary_terms.json"


def load(path: Path) -> tuple[int, int]:
    with transaction.atomic():
        added, found = drugnames.load(ThesaurusGroup, path)
    bump_version()
    return added, found


class Command(BaseCommand):
    help = (
        "Add the drug names of the NCI dictionary (../shared/data/glossary/nci_glossary_terms.json) to the "
        "thesaurus: Zometa finds zoledronic acid and bisphosphonates. Safe to run again: editors' changes stay."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="nci_glossary_terms.json (default: under SEARCH_DATA_DIR)")

    def handle(self, *args, path=None, **options):
        source = Path(path) if path else default_path()
        if not source.exists():
            raise CommandError(f"{source} does not exist.")
        try:
            added, found = load(source)
        except (ValueError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Drug names: {added} thesaurus groups added ({found} drugs with other names in {source.name})."
        )
