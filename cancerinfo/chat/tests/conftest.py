import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from cancerinfo.chat import services

CANARY = "Canary chat 9c41: the lump under my arm is bigger since my second cycle"


def helpline_status(is_open: bool):
    from cancerinfo.helpline.services import Status

    def status_at(now=None, schedule=None):
        now = now or timezone.now()
        if is_open:
            return Status(now=now, is_open=True, closes_at=now + datetime.timedelta(hours=2))
        return Status(now=now, is_open=False, next_opening=now + datetime.timedelta(hours=10))

    return status_at


@pytest.fixture
def helpline_open(monkeypatch):
    """The helpline (and so the chat) is open, whatever the time the tests run at."""
    monkeypatch.setattr(services, "status_at", helpline_status(True))


@pytest.fixture
def helpline_closed(monkeypatch):
    monkeypatch.setattr(services, "status_at", helpline_status(False))


def make_nurse(django_user_model, username="nurse.nadia", groups=("Nurses",)):
    user = django_user_model.objects.create_user(username=username, password="pw-for-tests-only")
    for name in groups:
        group, _ = Group.objects.get_or_create(name=name)
        if name == "Nurses":  # as the enquiries' migration makes it (a flushed test database has lost it)
            group.permissions.add(
                Permission.objects.get(codename="handle_enquiries", content_type__app_label="enquiries"),
                Permission.objects.get(codename="access_admin"),
            )
        user.groups.add(group)
    return user


@pytest.fixture
def nurse(django_user_model):
    return make_nurse(django_user_model)


@pytest.fixture
def second_nurse(django_user_model):
    return make_nurse(django_user_model, "nurse.noor")


@pytest.fixture
def editor(django_user_model):
    return make_nurse(django_user_model, "editor.ed", groups=("Editors",))


@pytest.fixture
def chat(db, helpline_open):
    chat, token = services.start_chat("reader@example.org")
    chat.token = token
    return chat


def password_only_session(user) -> str:
    """A session signed in with the password but not the second factor; its key."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session.update(
        {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
    )
    session.create()
    return session.session_key


# --- A live server that speaks WebSocket, for the browser tests -------------------------------------------------------

_daphne_url: list[str] = []


def _start_daphne() -> str:
    """daphne, in a thread of this process, serving the ASGI application (static files included) against the test
    database. Twisted's reactor starts once per process, so one server serves every browser test."""
    import socket
    import threading
    import time

    from daphne.server import Server  # installs Twisted's asyncio reactor
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    from cancerinfo import asgi

    application = asgi.ProtocolTypeRouter(
        {
            "http": ASGIStaticFilesHandler(asgi.django_application),
            "websocket": asgi.AuthMiddlewareStack(asgi.URLRouter(asgi.websocket_urlpatterns)),
        }
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = Server(
        application=application,
        endpoints=[f"tcp:port={port}:interface=127.0.0.1"],
        signal_handlers=False,
        verbosity=0,
    )
    threading.Thread(target=server.run, name="daphne-for-tests", daemon=True).start()
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def asgi_server(transactional_db, site_tree):
    """The address of daphne serving the site, HTTP and WebSockets, against this test's database."""
    if not _daphne_url:
        _daphne_url.append(_start_daphne())
    return _daphne_url[0]
