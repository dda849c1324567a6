"""A revoked key's contact e-mail address and notes are deleted PARTNER_CONTACT_RETENTION_DAYS after the revocation;
the key's row and its daily counts stay, so past use still adds up. Active keys keep their contact."""

import datetime

import pytest
from django.utils import timezone

from cancerinfo.jobs.registry import JOBS
from cancerinfo.partners import tasks
from cancerinfo.partners.keys import issue
from cancerinfo.partners.models import DailyUsage, PartnerKey
from cancerinfo.partners.retention import REMOVED

pytestmark = pytest.mark.django_db


def make(name, revoked_days_ago=None):
    key = PartnerKey(organisation=name, contact_email=f"{name.lower()}@partner.example", notes="Talked to Sam.")
    issue(key)
    if revoked_days_ago is not None:
        PartnerKey.objects.filter(pk=key.pk).update(
            revoked_at=timezone.now() - datetime.timedelta(days=revoked_days_ago)
        )
    return key


def test_contacts_of_keys_revoked_long_ago_are_deleted_and_the_rest_kept(settings):
    settings.PARTNER_CONTACT_RETENTION_DAYS = 30
    old = make("Old", revoked_days_ago=31)
    recent = make("Recent", revoked_days_ago=29)
    active = make("Active")
    DailyUsage.objects.create(key=old, date=datetime.date(2026, 1, 5), requests=12)

    result = tasks.purge_revoked_key_contacts.enqueue()
    assert result.return_value == 1

    old.refresh_from_db()
    assert (old.contact_email, old.notes, old.organisation) == (REMOVED, "", "Old")
    assert DailyUsage.objects.get(key=old).requests == 12
    for key in (recent, active):
        key.refresh_from_db()
        assert key.contact_email.endswith("@partner.example") and key.notes == "Talked to Sam."
    assert tasks.purge_revoked_key_contacts.enqueue().return_value == 0  # nothing left to delete
    assert str(JOBS[tasks.purge_revoked_key_contacts.module_path].schedule) == "Every day at 03:10"
