import pytest
from django.contrib.auth.models import Group, User

from cancerinfo.partners.keys import issue
from cancerinfo.partners.models import PartnerKey


@pytest.fixture
def administrator(site_tree):
    user = User.objects.create_user("ops", password="x" * 12, first_name="Olu", last_name="Ops")
    user.groups.add(Group.objects.get(name="Administrators"))
    return user


@pytest.fixture
def editor(site_tree):
    user = User.objects.create_user("ed", password="x" * 12)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def partner_key(db):
    """A saved key and the key itself."""
    key = PartnerKey(organisation="Sample Hospital Trust", contact_email="digital@hospital.example")
    raw = issue(key)
    return key, raw
