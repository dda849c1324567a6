from django.urls import path

from . import admin_views

app_name = "enquiries_admin"

urlpatterns = [
    path("", admin_views.inbox, name="inbox"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/assign/", admin_views.assign, name="assign"),
    path("<int:pk>/status/", admin_views.set_status, name="status"),
    path("<int:pk>/draft-question/", admin_views.make_draft, name="draft"),
    path("audit/", admin_views.audit_log, name="audit"),
    path("person/", admin_views.person, name="person"),
]
