"""The ASGI application: Django's pages over HTTP and the live chat's WebSockets (cancerinfo/chat/routing.py).

Production runs it with daphne beside gunicorn, and nginx sends /chat/ws/ to it (docs/deployment.md); in
development `manage.py runserver` serves it (daphne is first in INSTALLED_APPS)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cancerinfo.settings.production")

django_application = get_asgi_application()  # before importing anything that loads models

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from cancerinfo.chat.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_application,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
