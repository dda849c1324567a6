from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .keys import keys_changed
from .models import PartnerKey


@receiver(post_save, sender=PartnerKey)
@receiver(post_delete, sender=PartnerKey)
def _key_changed(sender, **kwargs):
    keys_changed()
