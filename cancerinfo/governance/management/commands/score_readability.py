"""Work out the reading age of every published booklet section and answer (for the Hardest pages report).

Pages are also scored each time they are published; run this once after an import or a change to the word list."""

from django.core.management.base import BaseCommand

from cancerinfo.governance import readability
from cancerinfo.governance.scoring import score_page


class Command(BaseCommand):
    help = "Score the readability of published booklet sections and answers."

    def handle(self, *args, **options):
        count = 0
        above = 0
        for model in readability.scored_models():
            for page in model.objects.live().iterator(chunk_size=200):
                score = score_page(page)
                count += 1
                above += bool(score and score.reading_age > readability.TARGET_READING_AGE)
                if count % 500 == 0:
                    self.stdout.write(f"{count} pages scored...")
        self.stdout.write(
            self.style.SUCCESS(f"{count} page(s) scored; {above} above reading age {readability.TARGET_READING_AGE}")
        )
