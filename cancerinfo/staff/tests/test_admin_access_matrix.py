"""Every admin URL, read from the URL configuration, opened by every staff role and by someone not signed in, must do
what the declared matrix (cancerinfo/staff/access.py) says; a new admin view with no declared roles fails here."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.http import HttpResponse
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from cancerinfo.staff.access import (
    ANONYMOUS,
    DENIED_HEADER,
    STAFF_ROLES,
    SUPERUSER,
    AdminRolesMiddleware,
    declared_roles,
)

ADMIN_PREFIXES = ("admin/", "django-admin/")
PERSONAL_DATA_ROLES = ["Nurses", "Fulfilment", "Finance", SUPERUSER]


def _route(pattern) -> str:
    return str(pattern.pattern).lstrip("^")


def admin_urls(patterns=None, prefix="", namespace=""):
    """(name or None, route) for every URL pattern under /admin/ and /django-admin/, however deeply included."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + _route(pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if route.startswith(ADMIN_PREFIXES) or any(p.startswith(route) for p in ADMIN_PREFIXES):
                yield from admin_urls(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern) and route.startswith(ADMIN_PREFIXES):
            yield (f"{namespace}{pattern.name}" if pattern.name else None), route


def sample_path(route: str) -> str:
    """A concrete address for a route: made-up ids (they need not exist: the door is what is tested)."""
    path = re.sub(r"<int:\w+>", "999999", route)
    path = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000000", path)
    path = re.sub(r"<(?:\w+:)?\w+>", "999999", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "999999", path)
    return "/" + path.replace("^", "").replace("$", "").replace("\\", "")


ADMIN_URLS = sorted(set(admin_urls()), key=lambda url: url[1])


def test_the_walk_finds_the_admin_of_every_app():
    names = {name for name, _ in ADMIN_URLS}
    for expected in ["wagtailadmin_home", "enquiries_admin:inbox", "donations_admin:list", "sitesearch_report"]:
        assert expected in names
    assert len(ADMIN_URLS) > 300


def test_every_admin_url_declares_which_roles_may_open_it():
    undeclared = [name or route for name, route in ADMIN_URLS if declared_roles(name, route) is None]
    assert not undeclared, f"Declare roles for these admin views in cancerinfo/staff/access.py: {undeclared}"


def own_admin_views():
    """(name, route) of every admin URL whose view is CancerInfo's own code, not Wagtail's or Django's."""
    found = []
    for name, route in ADMIN_URLS:
        try:
            match = resolve(sample_path(route))
        except Resolver404:
            continue
        view = getattr(match.func, "view_class", match.func)
        if view.__module__.startswith("cancerinfo."):
            found.append((name, route))
    return found


def test_our_own_admin_views_are_declared_one_by_one_not_by_a_wildcard():
    """A wildcard such as "governance_admin:*" would give a new report the roles of the old ones without anyone
    deciding it; each of our views must be named in the matrix."""
    from cancerinfo.staff.access import ADMIN_VIEW_ROLES

    own = own_admin_views()
    assert {"enquiries_admin:inbox", "governance_admin:review_report", "staff:verify"} <= {name for name, _ in own}
    exact = {pattern for pattern, _roles in ADMIN_VIEW_ROLES if not set(pattern) & set("*?[")}
    by_wildcard = [name or route for name, route in own if (name or route) not in exact]
    assert not by_wildcard, f"Name these views in cancerinfo/staff/access.py: {by_wildcard}"


@pytest.mark.parametrize(
    "name, route",
    [
        ("governance_admin:new_report", "admin/governance/new/"),
        ("enquiries_admin:export", "admin/enquiries/export/"),
        ("jobs_admin:clear_queue", "admin/jobs/clear/"),
        ("newapp_admin:list", "admin/newapp/"),
        (None, "admin/newapp/unnamed/"),
    ],
)
def test_a_new_view_of_ours_is_undeclared_until_someone_declares_it(name, route):
    assert declared_roles(name, route) is None


def test_reports_with_visitors_words_or_personal_data_are_not_for_every_role():
    for name in ["sitesearch_report", "governance_admin:review_report", "governance_admin:readability_report"]:
        roles = declared_roles(name, "")
        assert not {"Nurses", "Fulfilment", "Finance"} & roles, name
    assert declared_roles("enquiries_admin:inbox", "") == {"Nurses"}


def denied_by_role(response) -> bool:
    return response.status_code == 403 and DENIED_HEADER in response


def staff_member(django_user_model, role):
    user = django_user_model.objects.create_user(username=f"role-{role}".replace(" ", "-"), password="x")
    user.is_staff = True
    user.is_superuser = role == SUPERUSER
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if role != SUPERUSER:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_each_role_opens_exactly_the_admin_pages_declared_for_it(django_user_model, rf, role):
    """Through the installed middleware, for every admin URL: the door opens for a declared role and no other. (The
    view behind the door is not run: each app's own tests cover what it shows.)"""
    from django.conf import settings

    assert "cancerinfo.staff.access.AdminRolesMiddleware" in settings.MIDDLEWARE
    user = staff_member(django_user_model, role)
    door = AdminRolesMiddleware(lambda request: HttpResponse("behind the door"))
    wrong, unresolved = [], []
    for name, route in ADMIN_URLS:
        roles = declared_roles(name, route) or frozenset()
        try:
            match = resolve(sample_path(route))
        except Resolver404:
            match = None
        if match is None or (name and match.view_name != name):
            unresolved.append(name or route)  # the made-up address does not fit its own pattern
            continue
        request = rf.get(sample_path(route))
        request.user = user
        if denied_by_role(door(request)) == (role in roles):
            wrong.append(name or route)
    assert not wrong, f"{role} does not match the declared matrix at:\n" + "\n".join(wrong)
    assert len(unresolved) <= 3, unresolved


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role, url, opens",
    [
        ("Nurses", "/admin/reports/search-queries/", False),
        ("Finance", "/admin/governance/readability/", False),
        ("Fulfilment", "/admin/governance/reviews/", False),
        ("Editors", "/admin/reports/search-queries/", True),
        ("Editors", "/admin/enquiries/", False),
        ("Nurses", "/admin/enquiries/", True),
        ("Lay reviewers", "/admin/reports/search-queries/", False),
    ],
)
def test_the_reports_answer_each_role_as_declared(client, django_user_model, role, url, opens):
    client.force_login(staff_member(django_user_model, role))
    response = client.get(url)
    assert denied_by_role(response) is not opens
    if opens:
        assert response.status_code == 200


@pytest.mark.django_db
def test_anonymous_people_are_sent_to_sign_in_everywhere_but_the_sign_in_pages(client):
    client.raise_request_exception = False
    wrong = []
    for name, route in ADMIN_URLS:
        if ANONYMOUS in (declared_roles(name, route) or ()):
            continue
        response = client.get(sample_path(route))
        to_sign_in = response.status_code == 302 and "login" in response["Location"]
        if not (to_sign_in or response.status_code in (301, 401, 403)):  # 301: to the URL's own canonical form
            wrong.append(f"{name or route}: {response.status_code}")
    assert not wrong, "Open to people who are not signed in:\n" + "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("role", PERSONAL_DATA_ROLES)
def test_personal_data_roles_reach_no_admin_page_before_the_second_factor(client, django_user_model, role):
    from .conftest import PASSWORD, make_staff, sign_in

    make_staff(django_user_model, "half.signed.in", *([] if role == SUPERUSER else [role]), superuser=role == SUPERUSER)
    assert sign_in(client, "half.signed.in").status_code == 302  # password only
    client.raise_request_exception = False
    reached = []
    for name, route in ADMIN_URLS:
        if ANONYMOUS in (declared_roles(name, route) or ()):
            continue  # signing in, out, and the second-factor pages themselves
        response = client.get(sample_path(route))
        to_second_factor = response.status_code == 302 and response["Location"].startswith("/admin/two-step/")
        if not (to_second_factor or response.status_code == 301):  # 301: to the URL's own canonical form
            reached.append(f"{name or route}: {response.status_code}")
    assert not reached, f"{role} reached admin pages with only a password:\n" + "\n".join(reached)
    assert PASSWORD  # the real password was all they had
