from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from cancerinfo.enquiries.services import erase_person, find_person


class Command(BaseCommand):
    help = "Erase this person: delete every question, reply and contact message from an e-mail address. Audited."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--yes", action="store_true", help="Do it. Without this, only count what would go.")

    def handle(self, *args, email, yes=False, **options):
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError("That is not an e-mail address.") from exc
        if not yes:
            enquiries, messages = find_person(email)
            self.stdout.write(
                f"Would erase {len(enquiries)} question(s) and {len(messages)} message(s). Add --yes to erase them."
            )
            return
        count = erase_person(email)
        self.stdout.write(self.style.SUCCESS(f"Erased {count} record(s)."))
