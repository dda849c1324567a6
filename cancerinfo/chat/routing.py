"""The live chat's WebSocket addresses (cancerinfo/asgi.py). nginx sends /chat/ws/ to the ASGI server."""

from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path("chat/ws/reader/", consumers.ReaderConsumer.as_asgi()),
    path("chat/ws/nurse/", consumers.NurseConsumer.as_asgi()),
]
