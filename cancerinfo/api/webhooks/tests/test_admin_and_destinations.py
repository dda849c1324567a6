"""Administrators manage partners' subscriptions in the admin (Settings) and see every delivery; the address must be
https and public, so the site cannot be turned against its own network."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError

from cancerinfo.api.webhooks.destinations import check_destination
from cancerinfo.api.webhooks.models import Delivery, Subscription

pytestmark = pytest.mark.django_db
PUBLIC = "https://93.184.215.14/hooks"  # a public address, written as one so no name is looked up; never contacted


@pytest.fixture
def administrator(site_tree):
    user = User.objects.create_user("ops", password="x" * 12)
    user.groups.add(Group.objects.get(name="Administrators"))
    return user


@pytest.fixture
def editor(site_tree):
    user = User.objects.create_user("ed", password="x" * 12)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://93.184.215.14/hooks", "Use an https:// address"),
        ("https://127.0.0.1/hooks", "is a private, local or reserved address (127.0.0.1)"),
        ("https://10.1.2.3/hooks", "is a private, local or reserved address"),
        ("https://169.254.169.254/latest/meta-data", "is a private, local or reserved address"),
        ("https://[::1]/hooks", "is a private, local or reserved address"),
        ("https://user:pass@93.184.215.14/hooks", "Leave the user name and password out"),
        ("https://no-such-host.invalid/hooks", "We could not find the server no-such-host.invalid"),
    ],
)
def test_only_public_https_addresses_are_accepted(settings, url, message):
    settings.WEBHOOK_ALLOW_HTTP = False
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(ValidationError) as refused:
        check_destination(url)
    assert message in refused.value.messages[0]
    check_destination(PUBLIC)  # no error


def test_development_settings_allow_http_and_local_addresses(settings):
    settings.WEBHOOK_ALLOW_HTTP = True
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True
    check_destination("http://127.0.0.1:8001/hooks")


def test_an_administrator_adds_a_subscription_and_is_shown_its_secret(client, administrator, site_tree):
    client.force_login(administrator)
    form = {
        "partner": "Sample partner charity", "url": "https://127.0.0.1/hooks", "active": "on", "scope": "everything",
        "pages-TOTAL_FORMS": "0", "pages-INITIAL_FORMS": "0", "pages-MIN_NUM_FORMS": "0", "pages-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    refused = client.post("/admin/webhook_subscriptions/new/", form)
    assert refused.status_code == 200
    assert "is a private, local or reserved address (127.0.0.1)" in refused.content.decode()
    assert not Subscription.objects.exists()

    saved = client.post("/admin/webhook_subscriptions/new/", {**form, "url": PUBLIC})
    assert saved.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.partner == "Sample partner charity" and subscription.secret.startswith("whsec_")
    edit = client.get(f"/admin/webhook_subscriptions/edit/{subscription.pk}/")
    assert edit.status_code == 200
    assert f'<code id="webhook-secret">{subscription.secret}</code>' in edit.content.decode()


def test_the_delivery_log_is_for_administrators_and_read_only(client, administrator, editor):
    subscription = Subscription.objects.create(partner="Sample partner charity", url=PUBLIC)
    Delivery.objects.create(
        subscription=subscription, event="page.published", page_id=3, body="{}", attempts=2,
        last_error="HTTP 503 Service Unavailable",
    )  # fmt: skip
    client.force_login(administrator)
    log = client.get("/admin/webhook_deliveries/")
    assert log.status_code == 200
    assert "HTTP 503 Service Unavailable" in log.content.decode()
    assert client.get("/admin/webhook_deliveries/new/").status_code in (302, 403)

    client.force_login(editor)
    for address in ("/admin/webhook_deliveries/", f"/admin/webhook_subscriptions/edit/{subscription.pk}/"):
        refused = client.get(address)
        assert refused.status_code == 403 and subscription.secret.encode() not in refused.content
