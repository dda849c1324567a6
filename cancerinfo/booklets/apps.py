from django.apps import AppConfig


class BookletsConfig(AppConfig):
    name = "cancerinfo.booklets"
    label = "booklets"
    verbose_name = "Booklets"

    def ready(self):
        from . import signals  # noqa: F401
