from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cancerinfo.core.models import SiteSettings

from .navigation import invalidate_navigation
from .page_cache import connect_signals

connect_signals()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs):
    invalidate_navigation()


@receiver(post_save, sender=SiteSettings)
@receiver(post_delete, sender=SiteSettings)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def _settings_changed(sender, **kwargs):
    invalidate_navigation()
