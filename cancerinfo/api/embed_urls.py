"""/embed/: the cards other sites frame (api/embeds.py). Their headers are set by path in delivery/headers.py."""

from django.urls import path

from .embed_views import card

urlpatterns = [
    path("booklet/<int:key>/", card, {"kind": "booklet"}, name="embed-booklet"),
    path("section/<int:key>/", card, {"kind": "section"}, name="embed-section"),
    path("glossary/<slug:key>/", card, {"kind": "glossary"}, name="embed-glossary"),
]
