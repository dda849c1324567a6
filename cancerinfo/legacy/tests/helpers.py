"""Paths to the fixtures and the seed, and a way to run the command and keep what it printed."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

FIXTURES = Path(__file__).parent / "fixtures"
FATIGUE = FIXTURES / "fatigue"
HOSTILE = FIXTURES / "hostile"
MALFORMED = FIXTURES / "malformed"
SEED_DIR = Path(settings.BASE_DIR).parent / "shared" / "seed"
SEED_PAGE = SEED_DIR / "legacy-page-secondary-bone-bisphosphonates.txt"


def seed_page() -> Path:
    if not SEED_PAGE.exists():
        pytest.skip(f"The seed page is not here ({SEED_PAGE}); it ships beside the repository in ../shared/seed/")
    return SEED_PAGE


class Run:
    def __init__(self, stdout: str, stderr: str, failed: bool):
        self.stdout, self.stderr, self.failed = stdout, stderr, failed


def run_import(*paths, **options) -> Run:
    stdout, stderr = StringIO(), StringIO()
    failed = False
    try:
        call_command("import_legacy_html", *[str(p) for p in paths], stdout=stdout, stderr=stderr, **options)
    except CommandError as error:
        failed = True
        stderr.write(str(error))
    return Run(stdout.getvalue(), stderr.getvalue(), failed)
