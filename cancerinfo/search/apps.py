from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "cancerinfo.search"
    # "search" would clash with nothing today (Wagtail's search app is labelled "wagtailsearch"), but a label that
    # says what it is avoids any doubt in migrations, admin URLs and content types.
    label = "sitesearch"
    verbose_name = "Site search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
