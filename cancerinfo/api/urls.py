from django.urls import path

from .embed_views import oembed
from .views import api, docs

urlpatterns = [
    path("v1/", api.urls),
    path("oembed", oembed, name="oembed"),  # oEmbed 1.0 for booklets, sections and glossary terms (api/embeds.py)
    path("", docs, name="api-docs"),
]
