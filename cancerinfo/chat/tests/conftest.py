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
