import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.cache import cache

from cancerinfo.enquiries.forms import CONSENT_WORDING_VERSION, STAMP_SALT
from cancerinfo.enquiries.models import Enquiry
from cancerinfo.taxonomy.models import CancerType

CANARY = "Canary question 7f3a: my lump near the left collarbone has grown since March"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def contact_page(site_tree):
    return site_tree["contact-us"]


@pytest.fixture
def ask_url(contact_page):
    return contact_page.ask_a_nurse_url


@pytest.fixture
def write_url(contact_page):
    return contact_page.write_to_us_url


def old_stamp(seconds_ago: float = 60) -> str:
    return signing.dumps(time.time() - seconds_ago, salt=STAMP_SALT)


@pytest.fixture
def bowel(db):
    return CancerType.objects.get_or_create(name="Bowel cancer")[0]


@pytest.fixture
def question_data(bowel):
    return {
        "question": CANARY,
        "about": "me",
        "cancer_type": bowel.slug,
        "first_name": "Sam",
        "email": "sam@example.org",
        "consent": "yes",
        "website": "",
        "started": old_stamp(),
    }


@pytest.fixture
def contact_data():
    return {
        "category": "website",
        "message": "The search page does not load on my phone.",
        "name": "Alex",
        "email": "alex@example.org",
        "website": "",
        "started": old_stamp(),
    }


def make_user(django_user_model, username, groups=(), **extra):
    user = django_user_model.objects.create_user(username=username, password="pw-for-tests-only", **extra)
    for name in groups:
        group, _ = Group.objects.get_or_create(name=name)
        if name == "Fulfilment":
            group.permissions.add(Permission.objects.get(codename="access_admin"))
        user.groups.add(group)
    return user


@pytest.fixture
def nurse(django_user_model):
    return make_user(django_user_model, "nurse.nadia", ["Nurses"])


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "editor.ed", ["Editors"])


@pytest.fixture
def fulfilment(django_user_model):
    return make_user(django_user_model, "fulfil.fay", ["Fulfilment"])


@pytest.fixture
def enquiry(db, bowel):
    from django.utils import timezone

    return Enquiry.objects.create(
        question=CANARY,
        about="me",
        cancer_type=bowel,
        first_name="Sam",
        email="sam@example.org",
        consent_wording_version=CONSENT_WORDING_VERSION,
        consent_given_at=timezone.now(),
    )
