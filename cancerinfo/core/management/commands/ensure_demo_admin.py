import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

# The demo admin's name, shown wherever the admin shows who did something (and readers see, if it approves a page).
FIRST_NAME, LAST_NAME = "Demo", "Administrator"


class Command(BaseCommand):
    help = (
        "Create the demo admin account, named 'Demo Administrator', with a random password, printed once. "
        "If it exists, only a missing name is filled in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.org")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            if not (existing.first_name or existing.last_name):
                existing.first_name, existing.last_name = FIRST_NAME, LAST_NAME
                existing.save(update_fields=["first_name", "last_name"])
            self.stdout.write(
                f"The admin account '{username}' already exists. "
                f"To set a new password: python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(
            username=username, email=email, password=password, first_name=FIRST_NAME, last_name=LAST_NAME
        )
        self.stdout.write(self.style.SUCCESS("Demo admin account created. This password is shown only once:"))
        self.stdout.write(f"  username: {username}\n  password: {password}\n  sign in at /admin/")
