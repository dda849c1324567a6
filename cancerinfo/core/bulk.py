"""A signal for importers that write many rows at once: bulk_create, bulk_update and update() send no post_save, so
the page cache and the site search index, which watch content models, would not hear of the change.

    bulk_content_changed.send(sender=Trial)   # after the import's transaction
"""

from django.dispatch import Signal

bulk_content_changed = Signal()
