from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import GlossaryIndexPage, Term
from .services import bump_version, content_changed


@receiver(post_save, sender=Term)
@receiver(post_delete, sender=Term)
def _term_changed(sender, **kwargs):
    bump_version()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, instance=None, **kwargs):
    content_changed()  # "used in" lists on term pages
    if sender is GlossaryIndexPage or getattr(instance, "specific_class", None) is GlossaryIndexPage:
        bump_version()  # the glossary's address may have changed
