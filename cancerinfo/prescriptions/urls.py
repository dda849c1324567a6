from django.urls import path

from . import views

app_name = "prescriptions"

urlpatterns = [
    path("<str:code>/", views.prescription_page, name="page"),
    path("<str:code>/pdf/", views.prescription_pdf, name="pdf"),
    path("<str:code>/revoke/<str:token>/", views.revoke, name="revoke"),
]
