"""Public URLs outside the page tree: the provider's webhook and the sandbox provider's hosted page."""

from django.urls import path

from . import views

app_name = "donations"

urlpatterns = [
    path("webhook/<slug:provider_name>/", views.webhook, name="webhook"),
    path("sandbox/checkout/<str:token>/", views.sandbox_checkout, name="sandbox_checkout"),
]
