from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import BankHoliday, Closure, WeeklyHours
from .services import forget_schedule


@receiver([post_save, post_delete], sender=WeeklyHours)
@receiver([post_save, post_delete], sender=BankHoliday)
@receiver([post_save, post_delete], sender=Closure)
def schedule_changed(**kwargs):
    forget_schedule()
