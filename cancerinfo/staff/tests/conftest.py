import pytest
from django.contrib.auth.models import Group, Permission

PASSWORD = "correct-horse-battery-staple-7"


def make_staff(django_user_model, username, *groups, superuser=False):
    """A member of staff who can open Wagtail's admin (and Django's), in the given groups."""
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@cancerinfo.example", password=PASSWORD, is_staff=True
    )
    user.is_superuser = superuser
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def sign_in(client, username, password=PASSWORD, url="/admin/login/", address="203.0.113.7"):
    """Sign in through the login form, as a person does (only the password: no second factor yet)."""
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def nurse(django_user_model, db):
    return make_staff(django_user_model, "nurse.nia", "Nurses")


@pytest.fixture
def editor(django_user_model, db):
    return make_staff(django_user_model, "editor.eve", "Editors")
