import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from cancerinfo.core.demo import build_site


class Command(BaseCommand):
    help = (
        "Create the demonstration site: home page, areas, navigation and each app's sample content "
        "(every app may provide a demo.py with load(areas, stdout), and finish(areas, stdout) for what needs every "
        "app's content first, such as translating or reviewing the pages). Safe to run again."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            areas = build_site()
            self.stdout.write("Site structure ready.")
            modules = list(demo_modules())
            for module in modules:
                module.load(areas, self.stdout)
            # Then what works on other apps' content, whatever the apps' order in INSTALLED_APPS.
            for module in finishing_order(modules):
                module.finish(areas, self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content loaded. It is sample content, not medical advice."))


def finishing_order(modules):
    """The modules with a finish(), in order; those that set FINISH_LAST = True (governance, which reviews every page
    through the workflow) after the others, so that they see the pages the others' finish() made too (the sample
    Welsh translations)."""
    finishing = [module for module in modules if hasattr(module, "finish")]
    return sorted(finishing, key=lambda module: bool(getattr(module, "FINISH_LAST", False)))


def demo_modules():
    """Each of CancerInfo's apps' demo.py (core's own is build_site), in INSTALLED_APPS order."""
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("cancerinfo.") or app_config.label == "core":
            continue
        try:
            yield importlib.import_module(f"{app_config.name}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app_config.name}.demo":
                raise
