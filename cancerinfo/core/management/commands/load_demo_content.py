import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from cancerinfo.core.demo import build_site


class Command(BaseCommand):
    help = (
        "Create the demonstration site: home page, areas, navigation and each app's sample content "
        "(every app may provide a demo.py with load(areas, stdout)). Safe to run again."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            areas = build_site()
            self.stdout.write("Site structure ready.")
            for app_config in apps.get_app_configs():
                if not app_config.name.startswith("cancerinfo.") or app_config.label == "core":
                    continue
                try:
                    module = importlib.import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app_config.name}.demo":
                        raise
                    continue
                module.load(areas, self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded. It is sample content, not medical advice."))
