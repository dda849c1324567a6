"""Administrators make keys in the Wagtail admin (Settings -> API keys), see the key once, see its daily use and
revoke it; the API refuses a revoked key from the next request. Other staff roles cannot open the pages."""

import hashlib
import re

import pytest
from django.contrib.auth.models import User

from cancerinfo.core.personal_data import registered
from cancerinfo.partners import usage
from cancerinfo.partners.models import DailyUsage, PartnerKey

pytestmark = pytest.mark.django_db

API = "/api/v1/topics/"


def shown_key(response) -> str | None:
    found = re.search(r'id="new-key" type="text" readonly value="(cik_[^"]+)"', response.content.decode())
    return found[1] if found else None


def test_an_administrator_makes_a_key_and_sees_it_once(client, administrator):
    client.force_login(administrator)
    response = client.post(
        "/admin/partner_keys/new/",
        {"organisation": "Sample Hospice", "contact_email": "it@hospice.example", "per_minute": "", "per_day": "50000",
         "notes": "Shows our booklets on ward tablets."},
    )  # fmt: skip
    key = PartnerKey.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/partner_keys/{key.pk}/created/"
    page = client.get(response["Location"])
    raw = shown_key(page)
    assert raw and "This is the only time it is shown" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert hashlib.sha256(raw.encode()).hexdigest() == key.key_hash and key.prefix == raw[:12]
    assert (key.organisation, key.per_minute, key.per_day, key.created_by) == (
        "Sample Hospice",
        None,
        50000,
        administrator,
    )
    # Shown once: the page cannot show it again.
    again = client.get(response["Location"])
    assert shown_key(again) is None and "cannot be shown again" in again.content.decode()
    # The key works.
    answer = client.get(API, HTTP_X_API_KEY=raw)
    assert answer.status_code == 200 and "q=50000;w=86400" in answer["RateLimit-Policy"]


def test_a_key_needs_an_organisation_and_a_real_email_address(client, administrator):
    client.force_login(administrator)
    response = client.post("/admin/partner_keys/new/", {"organisation": "", "contact_email": "not an address"})
    assert response.status_code == 200
    assert not PartnerKey.objects.exists()
    content = response.content.decode()
    assert "This field is required." in content and "Enter a valid email address." in content


def test_revoking_in_the_admin_refuses_the_key_from_the_next_request(client, administrator, partner_key):
    key, raw = partner_key
    assert client.get(API, HTTP_X_API_KEY=raw).status_code == 200
    client.force_login(administrator)
    confirm = client.get(f"/admin/partner_keys/{key.pk}/revoke/")
    assert "This cannot be undone" in confirm.content.decode()
    response = client.post(f"/admin/partner_keys/{key.pk}/revoke/")
    assert response.status_code == 302 and response["Location"] == f"/admin/partner_keys/edit/{key.pk}/"
    key.refresh_from_db()
    assert key.revoked_at and key.revoked_by == administrator
    refused = client.get(API, HTTP_X_API_KEY=raw)
    assert refused.status_code == 401 and "revoked" in refused.json()["error"]["message"]
    page = client.get(f"/admin/partner_keys/edit/{key.pk}/").content.decode()
    assert "Revoked" in page and "the API refuses it" in page and "Revoke this key" not in page


def test_the_key_page_shows_the_last_30_days_of_use_including_requests_not_yet_flushed(
    client, administrator, partner_key, settings
):
    settings.API_PARTNER_RATE = "4/minute"
    key, raw = partner_key
    for _ in range(6):
        client.get(API, HTTP_X_API_KEY=raw)  # 4 answered, 2 refused
    client.force_login(administrator)
    page = client.get(f"/admin/partner_keys/edit/{key.pk}/")
    content = page.content.decode()
    assert page.status_code == 200
    assert "Use in the last 30 days" in content and "4 answered, 2 refused" in content
    assert content[content.index('id="key-usage"') :].count('<th scope="row">') == 30
    assert f"Key <code>{key.prefix}…</code>" in content and raw not in content
    # Reading the page wrote the counts to the database.
    assert DailyUsage.objects.get(key=key, date=usage.today()).requests == 4


def test_other_staff_roles_cannot_open_the_keys(client, editor, partner_key):
    key, _ = partner_key
    client.force_login(editor)
    for url in ["/admin/partner_keys/", "/admin/partner_keys/new/", f"/admin/partner_keys/edit/{key.pk}/"]:
        assert client.get(url).status_code == 403, url
    assert client.post(f"/admin/partner_keys/{key.pk}/revoke/").status_code == 403
    key.refresh_from_db()
    assert key.revoked_at is None


def test_superusers_list_and_revoke_keys_too(client, partner_key):
    key, _ = partner_key
    boss = User.objects.create_superuser("boss", password="x" * 12)
    client.force_login(boss)
    listing = client.get("/admin/partner_keys/").content.decode()
    assert "Sample Hospital Trust" in listing and key.prefix in listing and "Active" in listing
    client.post(f"/admin/partner_keys/{key.pk}/revoke/")
    key.refresh_from_db()
    assert key.revoked_by == boss
    assert "Revoked" in client.get("/admin/partner_keys/").content.decode()


def test_the_contact_address_is_in_the_privacy_register():
    kinds = {kind.key: kind for kind in registered()}
    kind = kinds["partners.contacts"]
    assert kind.setting == "PARTNER_CONTACT_RETENTION_DAYS"
    assert kind.kept_for == "365 days after the key is revoked"
