from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cancerinfo.search"
    # "search" would clash with nothing today (Wagtail's search app is labelled "wagtailsearch"), but a label that
    # says what it is avoids any doubt in migrations, admin URLs and content types.
    label = "sitesearch"
    verbose_name = "Site search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .boxes import register_boxes

        register_boxes()  # the boxes this app offers to other pages (core/boxes.py)

        from .views import register_holes

        register_holes()  # the search page's title and results, filled per request in its kept page

        from django.utils.module_loading import autodiscover_modules

        # Every live page is a plain "page" document unless an app describes it (pages.py); each app contributes its
        # documents in its own search.py (see registry.py); then watch what they read.
        from . import pages  # noqa: F401

        autodiscover_modules("search")
        from . import signals

        signals.connect()
