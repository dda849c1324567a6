"""The nurse inbox is in the admin menu for the people who may open it, the Nurses group, and no one else: not even a
superuser who has not joined the group (access to health data is by role)."""

import json
import re

import pytest

from .conftest import make_user

pytestmark = pytest.mark.django_db


def menu_items(client) -> dict[str, str]:
    html = client.get("/admin/").content.decode()
    props = re.search(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.DOTALL)
    assert props, "the admin's menu"
    found = {}

    def walk(node):
        if isinstance(node, dict):
            if "label" in node and "url" in node:
                found[node["label"]] = node["url"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.group(1)))
    return found


def test_a_nurse_has_the_nurse_inbox_in_the_admin_menu(client, django_user_model):
    client.force_login(make_user(django_user_model, "nia", ["Nurses"]))
    assert menu_items(client).get("Nurse inbox") == "/admin/enquiries/"


@pytest.mark.parametrize("groups", [["Editors"], ["Publishers"], ["Fulfilment"]])
def test_staff_without_the_nurses_permission_do_not(client, django_user_model, groups):
    client.force_login(make_user(django_user_model, "eve", groups))
    items = menu_items(client)
    assert items, "they see the admin's menu"
    assert "Nurse inbox" not in items


def test_nor_does_a_superuser_outside_the_nurses_group(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw-for-tests-only"))
    items = menu_items(client)
    assert "Orders" in items and "Pages" in items  # a superuser sees the rest of the menu
    assert "Nurse inbox" not in items
