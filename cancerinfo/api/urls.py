from django.urls import path

from .views import api, docs

urlpatterns = [
    path("v1/", api.urls),
    path("", docs, name="api-docs"),
]
