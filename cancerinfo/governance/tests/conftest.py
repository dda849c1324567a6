import datetime

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group

from cancerinfo.booklets.tests.factories import add_section, make_booklet
from cancerinfo.governance import roles


@pytest.fixture
def editorial_roles(site_tree):
    """The groups and workflow the migration creates (set up again if a transactional test flushed them)."""
    if not Group.objects.filter(name=roles.PUBLISHERS).exists():
        roles.setup_editorial_roles(django_apps)
    return {group.name: group for group in Group.objects.filter(name__in=roles.ALL_GROUPS)}


@pytest.fixture
def make_user(django_user_model, editorial_roles):
    def make(username, group=None, first_name="", last_name="", email=""):
        user = django_user_model.objects.create_user(
            username=username, password="pw", first_name=first_name, last_name=last_name, email=email
        )
        if group:
            user.groups.add(editorial_roles[group])
        return user

    return make


@pytest.fixture
def booklet(site_tree):
    return make_booklet(site_tree["cancer-types"], "Understanding bowel cancer", sections=2)


@pytest.fixture
def overdue_booklet(site_tree):
    booklet = make_booklet(
        site_tree["cancer-types"],
        "Understanding kidney cancer",
        sections=0,
        last_reviewed=datetime.date(2022, 1, 10),
        next_review_due=datetime.date(2025, 1, 10),
    )
    add_section(booklet, "What is kidney cancer", body="<p>Your kidneys clean your blood. We explain how.</p>")
    return booklet
