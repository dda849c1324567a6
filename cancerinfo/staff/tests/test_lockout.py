"""Repeated failed sign-ins lock the account and the address, on both admin logins; unlock_staff opens them."""

import pytest
from django.core.management import call_command

from .conftest import sign_in

pytestmark = pytest.mark.django_db
LOGINS = ["/admin/login/", "/django-admin/login/"]


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 5


@pytest.mark.parametrize("url", LOGINS)
def test_five_wrong_passwords_lock_the_account_until_it_is_unlocked(client, editor, url):
    codes = [sign_in(client, "editor.eve", "wrong-guess", url=url).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 200, 429]  # the form again four times, then the door closes
    locked = sign_in(client, "editor.eve", url=url)  # now even the right password is refused
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Signing in is paused" in html and "manage.py unlock_staff" in html
    assert "_auth_user_id" not in client.session

    # From another network too: the account itself is locked.
    assert sign_in(client, "editor.eve", url=url, address="198.51.100.9").status_code == 429

    call_command("unlock_staff", "editor.eve", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sign_in(client, "editor.eve", url=url).status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


@pytest.mark.parametrize("url", LOGINS)
def test_guessing_many_accounts_from_one_address_locks_the_address(client, editor, url):
    for guess in range(5):
        sign_in(client, f"someone-{guess}", "wrong-guess", url=url, address="192.0.2.50")
    assert sign_in(client, "editor.eve", url=url, address="192.0.2.50").status_code == 429
    # The account was never guessed at: from elsewhere it signs in.
    assert sign_in(client, "editor.eve", url=url, address="198.51.100.9").status_code == 302

    client.logout()
    call_command("unlock_staff", address="192.0.2.50", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sign_in(client, "editor.eve", url=url, address="192.0.2.50").status_code == 302


def test_a_failure_on_one_login_counts_on_the_other(client, editor):
    for url in LOGINS * 2 + LOGINS[:1]:
        sign_in(client, "editor.eve", "wrong-guess", url=url)
    assert sign_in(client, "editor.eve", url="/django-admin/login/").status_code == 429


def test_signing_in_right_clears_earlier_failures(client, editor):
    for _ in range(4):
        sign_in(client, "editor.eve", "wrong-guess")
    assert sign_in(client, "editor.eve").status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, "editor.eve", "wrong-guess")
    assert sign_in(client, "editor.eve").status_code == 302


def test_unlock_staff_needs_to_be_told_what_to_unlock():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("unlock_staff")


def test_password_reset_requests_are_limited_per_address_and_per_account(client, editor, settings):
    settings.STAFF_PASSWORD_RESETS_PER_HOUR = 3
    for _ in range(3):
        assert (
            client.post("/admin/password_reset/", {"email": "x@example.org"}, REMOTE_ADDR="192.0.2.1").status_code
            == 302
        )
    assert client.post("/admin/password_reset/", {"email": "y@example.org"}, REMOTE_ADDR="192.0.2.1").status_code == 429

    # One account from many addresses is limited too.
    for number in range(3):
        client.post("/admin/password_reset/", {"email": editor.email}, REMOTE_ADDR=f"198.51.100.{number}")
    refused = client.post("/admin/password_reset/", {"email": editor.email}, REMOTE_ADDR="198.51.100.99")
    assert refused.status_code == 429 and "Signing in is paused" in refused.content.decode()


def test_bad_password_reset_links_lock_the_address(client, editor):
    for attempt in range(5):
        response = client.get(f"/admin/password_reset/confirm/MQ/bad-{attempt}/", REMOTE_ADDR="192.0.2.9")
        assert response.status_code == 200  # "this link is not valid"
    assert client.get("/admin/password_reset/confirm/MQ/bad-6/", REMOTE_ADDR="192.0.2.9").status_code == 429


@pytest.mark.parametrize("url", ["/admin/login/", "/django-admin/login/", "/_util/login/"])
def test_an_overlong_username_is_refused_not_a_server_error(client, db, url):
    """A stranger's 10,000-character name is refused like any wrong password (axes' column holds 255)."""
    from axes.models import AccessAttempt

    response = client.post(url, {"username": "x" * 10_000, "password": "wrong"}, REMOTE_ADDR="203.0.113.50")
    assert response.status_code == 200
    assert all(len(name) <= 150 for name in AccessAttempt.objects.values_list("username", flat=True))


def test_axes_records_a_name_cut_to_the_longest_an_account_can_have(rf):
    from cancerinfo.staff.sign_in import attempted_username

    assert attempted_username(rf.post("/", {"username": "y" * 500})) == "y" * 150
    assert attempted_username(rf.post("/"), {"username": "nurse.nia"}) == "nurse.nia"
    assert attempted_username(rf.post("/")) is None
