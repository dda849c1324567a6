from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .models import SupportDirectoryPage
from .services import DIRECTORY_URL_CACHE_KEY


@receiver([post_save, post_delete], sender=SupportDirectoryPage)
@receiver([page_published, page_unpublished], sender=SupportDirectoryPage)
def directory_moved(**kwargs):
    cache.delete(DIRECTORY_URL_CACHE_KEY)
