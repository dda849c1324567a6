from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile the site chrome's translation catalogues (LOCALE_PATHS/*/LC_MESSAGES/django.po) to .mo files with "
        "polib, so no gettext tools are needed. Commit both files. Safe to run again."
    )

    def handle(self, *args, **options):
        count = 0
        for folder in settings.LOCALE_PATHS:
            for source in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(source))
                catalogue.save_as_mofile(str(source.with_suffix(".mo")))
                count += 1
                self.stdout.write(f"{source}: {catalogue.percent_translated()}% translated")
        self.stdout.write(self.style.SUCCESS(f"{count} catalogue(s) compiled."))
