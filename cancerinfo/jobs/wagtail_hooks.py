from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

admin_urlpatterns = [
    path("", admin_views.job_status, name="job_status"),
    path("run/<str:name>/", admin_views.run_now, name="run_now"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("jobs/", include((admin_urlpatterns, "jobs_admin")))]


class JobsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_reports_menu_item")
def jobs_menu_item():
    return JobsMenuItem("Background jobs", reverse("jobs_admin:job_status"), icon_name="cogs", order=790)
