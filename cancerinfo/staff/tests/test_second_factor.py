"""Staff who can read personal data set up and use a second factor before any admin page; others may choose to."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from .conftest import make_staff, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_waiting_between_codes(settings):
    """django-otp makes you wait a few seconds after a wrong code; off here so the tests need not sleep. The pause
    after STAFF_SIGN_IN_FAILURE_LIMIT wrong codes is ours and stays on."""
    settings.OTP_TOTP_THROTTLE_FACTOR = settings.OTP_STATIC_THROTTLE_FACTOR = 0


PERSONAL_DATA_ROLES = [("Nurses",), ("Fulfilment",), ("Finance",), ()]  # () is a superuser


def app_code(user, steps_later: int = 0) -> str:
    """What the phone shows; steps_later=1 is the next 30 seconds' code (a code used once is never taken again)."""
    device = TOTPDevice.objects.filter(user=user).order_by("-pk").first()
    # From the drift the server last saw: a code accepted just after its 30 seconds ended moves the window back one.
    drift = device.drift + steps_later
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def enrol(client, user) -> list[str]:
    """Set up the authenticator app through the pages; returns the recovery codes shown."""
    page = client.get("/admin/two-step/setup/")
    assert page.status_code == 200 and 'id="totp-secret"' in page.content.decode()
    done = client.post("/admin/two-step/setup/", {"code": app_code(user), "next": "/admin/"})
    assert done.status_code == 200 and "Your recovery codes" in done.content.decode()
    return re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())


@pytest.mark.parametrize("groups", PERSONAL_DATA_ROLES, ids=["nurse", "fulfilment", "finance", "superuser"])
def test_personal_data_roles_must_set_up_a_second_factor_before_any_admin_page(client, django_user_model, groups):
    user = make_staff(django_user_model, "staff.sam", *groups, superuser=not groups)
    assert sign_in(client, "staff.sam").status_code == 302
    for url in ["/admin/", "/admin/enquiries/", "/admin/pages/", "/django-admin/", "/admin/reports/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/two-step/setup/?next="), url

    codes = enrol(client, user)
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200


def test_the_admin_icons_load_before_the_second_factor(client, django_user_model):
    """Every admin page, the two-step pages included, loads the icon sprite with JavaScript and puts what it gets
    into the page: a redirect would put a whole second page (a second <main>) inside the enrolment page."""
    make_staff(django_user_model, "staff.sam", "Nurses")
    sign_in(client, "staff.sam")
    sprite = client.get("/admin/sprite/")
    assert sprite.status_code == 200
    assert "<svg" in sprite.content.decode() and "<main" not in sprite.content.decode()
    assert client.get("/admin/enquiries/").status_code == 302  # everything else still waits for the code


def test_a_wrong_code_is_refused_with_a_message_linked_to_the_field(client, nurse):
    sign_in(client, "nurse.nia")
    client.get("/admin/two-step/setup/")
    response = client.post("/admin/two-step/setup/", {"code": "000000"})
    html = response.content.decode()
    assert response.status_code == 400
    assert '<a href="#id_code">That code is not right' in html and 'aria-invalid="true"' in html
    assert client.get("/admin/enquiries/")["Location"].startswith("/admin/two-step/setup/")


def test_next_time_the_code_is_asked_for_and_a_recovery_code_works_once(client, nurse):
    sign_in(client, "nurse.nia")
    codes = enrol(client, nurse)
    client.logout()

    sign_in(client, "nurse.nia")
    assert client.get("/admin/enquiries/")["Location"].startswith("/admin/two-step/verify/?next=")
    assert client.post("/admin/two-step/verify/", {"code": codes[0], "next": "/admin/enquiries/"})["Location"] == (
        "/admin/enquiries/"
    )
    assert client.get("/admin/enquiries/").status_code == 200
    client.logout()

    sign_in(client, "nurse.nia")
    assert client.post("/admin/two-step/verify/", {"code": codes[0]}).status_code == 400  # used up
    assert client.post("/admin/two-step/verify/", {"code": app_code(nurse)}).status_code == 400  # already used
    assert client.post("/admin/two-step/verify/", {"code": app_code(nurse, steps_later=1)}).status_code == 302


def test_five_wrong_codes_sign_you_out_and_pause(client, nurse, settings):
    settings.STAFF_SIGN_IN_FAILURE_LIMIT = 5
    sign_in(client, "nurse.nia")
    enrol(client, nurse)
    client.logout()
    sign_in(client, "nurse.nia")
    for _ in range(5):
        client.post("/admin/two-step/verify/", {"code": "123456"})
    paused = client.post("/admin/two-step/verify/", {"code": app_code(nurse)})
    assert paused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_other_staff_are_offered_it_and_held_to_it_once_they_turn_it_on(client, editor):
    sign_in(client, "editor.eve")
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200  # not required for editors...
    assert "/admin/two-step/setup/" in dashboard.content.decode()  # ...but offered in the menu
    enrol(client, editor)
    client.logout()
    sign_in(client, "editor.eve")
    assert client.get("/admin/")["Location"].startswith("/admin/two-step/verify/")


def test_the_next_address_never_leaves_the_site(client, nurse):
    sign_in(client, "nurse.nia")
    enrol(client, nurse)
    client.logout()
    sign_in(client, "nurse.nia")
    response = client.post("/admin/two-step/verify/", {"code": app_code(nurse, 1), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"
