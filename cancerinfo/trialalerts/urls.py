from django.urls import path

from . import views

app_name = "trialalerts"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("check-your-email/", views.check_your_email, name="sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("stop/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
