from django.urls import path

from . import feeds
from .embed_views import oembed
from .views import api, docs

urlpatterns = [
    # "What's changed" feeds (api/feeds.py): plain Django views, outside the OpenAPI description (Atom is not JSON).
    path("v1/changes.atom", feeds.site_atom, name="api-changes-atom"),
    path("v1/changes.json", feeds.site_json, name="api-changes-json"),
    path("v1/booklets/<int:booklet_id>/changes.atom", feeds.booklet_atom, name="api-booklet-changes-atom"),
    path("v1/booklets/<int:booklet_id>/changes.json", feeds.booklet_json, name="api-booklet-changes-json"),
    path("v1/", api.urls),
    path("oembed", oembed, name="oembed"),  # oEmbed 1.0 for booklets, sections and glossary terms (api/embeds.py)
    path("", docs, name="api-docs"),
]
