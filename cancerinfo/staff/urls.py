from django.urls import path

from . import views

app_name = "staff"
urlpatterns = [
    path("setup/", views.setup, name="setup"),
    path("verify/", views.verify, name="verify"),
]
