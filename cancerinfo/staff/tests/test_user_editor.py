"""The admin's user editor: an account without a name can still be saved (the admin adds their own account to the
Nurses group); reviewers and publishers, whose names readers see under "About this information", need both names."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from .conftest import make_staff

pytestmark = pytest.mark.django_db


def menu_labels(html: str) -> list[str]:
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.DOTALL)
    return re.findall(r'"label": "([^"]+)"', json.dumps(json.loads(props.group(1))))


def edit_url(user) -> str:
    return reverse("wagtailusers_users:edit", args=[user.pk])


def form_data(user, groups, **changes) -> dict:
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "groups": [group.pk for group in groups],
        "password1": "",
        "password2": "",
        "is_active": "on",
    }
    return {**data, **changes}


def test_the_admin_adds_their_own_nameless_account_to_the_nurses_group(client, django_user_model):
    admin = make_staff(django_user_model, "admin", superuser=True)
    assert (admin.first_name, admin.last_name) == ("", "")
    nurses = Group.objects.get(name="Nurses")
    client.force_login(admin)
    assert "Nurse inbox" not in menu_labels(client.get("/admin/").content.decode())  # health data is by role

    response = client.post(edit_url(admin), form_data(admin, [nurses]))

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert admin.groups.filter(name="Nurses").exists()
    assert "Nurse inbox" in menu_labels(client.get("/admin/").content.decode())


def test_a_new_account_needs_no_name_unless_it_reviews(client, django_user_model):
    admin = make_staff(django_user_model, "admin", superuser=True)
    client.force_login(admin)
    data = {
        "username": "nurse.noor",
        "email": "noor@cancerinfo.example",
        "first_name": "",
        "last_name": "",
        "password1": "a-long-sample-password-91",
        "password2": "a-long-sample-password-91",
        "groups": [Group.objects.get(name="Nurses").pk],
    }
    assert client.post(reverse("wagtailusers_users:add"), data).status_code == 302
    assert django_user_model.objects.get(username="nurse.noor").groups.filter(name="Nurses").exists()


@pytest.mark.parametrize("group_name", ["Clinical reviewers", "Lay reviewers", "Publishers"])
def test_reviewers_and_publishers_need_both_names(client, django_user_model, group_name):
    admin = make_staff(django_user_model, "admin", superuser=True)
    reviewer = make_staff(django_user_model, "cara")
    group = Group.objects.get_or_create(name=group_name)[0]
    client.force_login(admin)

    response = client.post(edit_url(reviewer), form_data(reviewer, [group]))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"first_name", "last_name"}
    assert "readers see the names of reviewers and publishers" in errors["first_name"][0]
    assert not reviewer.groups.filter(name=group_name).exists()

    response = client.post(edit_url(reviewer), form_data(reviewer, [group], first_name="Cara", last_name="Jones"))
    assert response.status_code == 302
    assert reviewer.groups.filter(name=group_name).exists()


def test_the_demo_admin_has_a_name(django_user_model):
    call_command("ensure_demo_admin", stdout=open("/dev/null", "w"))  # noqa: SIM115
    admin = django_user_model.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.get_full_name() == "Demo Administrator"
