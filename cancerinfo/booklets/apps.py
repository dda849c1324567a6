from django.apps import AppConfig


class BookletsConfig(AppConfig):
    name = "cancerinfo.booklets"
    label = "booklets"
    verbose_name = "Booklets"

    def ready(self):
        from cancerinfo.core.models import IndexPage
        from cancerinfo.core.services import register_listing

        from . import services, signals, views  # noqa: F401  (views fill the booklet pages' route tables)

        # Index pages (areas) an editor sets to list booklets, wherever the booklets are in the tree.
        register_listing(IndexPage.LISTING_BOOKLETS, services.every_booklet, depends_on=[signals.BOOKLETS_VERSION])
        register_listing(
            IndexPage.LISTING_PROFESSIONAL, services.booklets_for_professionals, depends_on=[signals.BOOKLETS_VERSION]
        )
