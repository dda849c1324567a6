from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from cancerinfo.enquiries.services import export_json, export_person


class Command(BaseCommand):
    help = "Subject access request: print (or write to --output) everything held for an e-mail address, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--output", help="A file to write the JSON to, instead of standard output.")

    def handle(self, *args, email, output=None, **options):
        try:
            validate_email(email)
        except ValidationError as exc:
            raise CommandError("That is not an e-mail address.") from exc
        data = export_person(email)
        text = export_json(data)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
            counts = f"{len(data['questions'])} question(s) and {len(data['contact_messages'])} message(s)"
            self.stdout.write(f"Wrote {counts} to {output}.")
        else:
            self.stdout.write(text)
