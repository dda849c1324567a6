from axes.utils import reset
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Unlock staff sign-in after too many failed attempts: for an account (username), for a network address, "
        "or everything with --all. Also lifts the pause on password resets and second-factor codes."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="the account to unlock")
        parser.add_argument("--address", help="a client address to unlock (as shown by axes_list_attempts)")
        parser.add_argument("--all", action="store_true", help="unlock every account and address")

    def handle(self, username=None, address=None, all=False, **options):
        if not (username or address or all):
            raise CommandError("Name an account, give --address, or use --all.")
        if all:
            removed = reset()
        else:
            removed = (reset(username=username) if username else 0) + (reset(ip=address) if address else 0)
        self._lift_pauses(username, all)
        self.stdout.write(f"Unlocked: {removed} failed-attempt record(s) removed.")

    def _lift_pauses(self, username, everything):
        """Password-reset and code pauses live in the shared cache (Redis); an in-process cache belongs to each
        server process, and its pauses end by themselves (STAFF_LOCKOUT_MINUTES, 15 minutes for codes)."""
        if not hasattr(cache, "delete_pattern"):
            return
        from django.contrib.auth import get_user_model

        if everything:
            cache.delete_pattern("throttle:staff-*")
        elif user := get_user_model().objects.filter(username=username).first() if username else None:
            cache.delete_pattern(f"throttle:staff-second-factor:user-{user.pk}")
