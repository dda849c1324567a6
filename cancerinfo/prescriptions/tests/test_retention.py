"""A prescription holds personal data (its author's name and job title, and a note), so it is not kept for ever: its
link works for PRESCRIPTION_LIFETIME_DAYS (or until withdrawn), says "expired" for PRESCRIPTION_RETENTION_DAYS more,
then the nightly job deletes it and its PDF. The privacy notice shows both periods from the same settings."""

import datetime
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from cancerinfo.jobs.registry import scheduled_jobs
from cancerinfo.prescriptions.models import Prescription
from cancerinfo.prescriptions.retention import purge_expired
from cancerinfo.prescriptions.tasks import purge_expired_prescriptions

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def make(content, professional, *, made_days_ago=0, revoked_days_ago=None, with_pdf=False) -> Prescription:
    prescription, _token = Prescription.create([["section", content["section"].pk]], "Read this first.", professional)
    made = timezone.now() - made_days_ago * DAY
    prescription.created_at = made
    prescription.expires_at = made + 365 * DAY
    if revoked_days_ago is not None:
        prescription.revoked_at = timezone.now() - revoked_days_ago * DAY
    if with_pdf:
        prescription.pdf.save(f"{prescription.code}.pdf", ContentFile(b"%PDF-1.7 sample"), save=False)
    prescription.save()
    return prescription


@pytest.fixture
def lifetimes(settings):
    settings.PRESCRIPTION_LIFETIME_DAYS = 365
    settings.PRESCRIPTION_RETENTION_DAYS = 30


def test_the_purge_deletes_prescriptions_past_their_lifetime_and_grace_and_keeps_the_rest(
    lifetimes, content, professional
):
    live = make(content, professional, made_days_ago=10)
    nearly_expired = make(content, professional, made_days_ago=364)
    expired_recently = make(content, professional, made_days_ago=365 + 29)  # still says "expired"
    expired_long_ago = make(content, professional, made_days_ago=365 + 31, with_pdf=True)
    withdrawn_recently = make(content, professional, made_days_ago=40, revoked_days_ago=29)
    withdrawn_long_ago = make(content, professional, made_days_ago=40, revoked_days_ago=31)
    pdf_name = expired_long_ago.pdf.name
    storage = expired_long_ago.pdf.storage
    assert storage.exists(pdf_name)

    # The PDF is deleted once the deletion commits: the test's transaction never does, so run those callbacks.
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert purge_expired() == 2

    remaining = set(Prescription.objects.values_list("pk", flat=True))
    assert remaining == {live.pk, nearly_expired.pk, expired_recently.pk, withdrawn_recently.pk}
    assert expired_long_ago.pk not in remaining and withdrawn_long_ago.pk not in remaining
    assert not storage.exists(pdf_name)  # the stored PDF goes with it
    assert purge_expired() == 0  # safe to run again


def test_a_recently_expired_link_says_expired_and_a_purged_one_is_not_found(lifetimes, client, content, professional):
    recent = make(content, professional, made_days_ago=365 + 5)
    old = make(content, professional, made_days_ago=365 + 45)
    old_url = old.get_absolute_url()
    purge_expired()
    assert client.get(recent.get_absolute_url()).status_code == 410
    assert client.get(old_url).status_code == 404


def test_the_purge_is_a_nightly_job_and_a_command(lifetimes, content, professional):
    make(content, professional, made_days_ago=500)
    assert purge_expired_prescriptions.module_path in {info.path for info in scheduled_jobs()}
    out = io.StringIO()
    call_command("purge_expired_prescriptions", stdout=out)
    assert "Deleted 1 prescription(s)" in out.getvalue()
    make(content, professional, made_days_ago=500)
    assert purge_expired_prescriptions.enqueue().return_value == 1  # tests run jobs at once


def test_the_privacy_notice_gives_both_periods_from_the_settings(client, site_tree, settings):
    settings.PRESCRIPTION_LIFETIME_DAYS = 180
    settings.PRESCRIPTION_RETENTION_DAYS = 14
    html = client.get("/privacy/").content.decode()
    row = re.search(r'<tr data-setting="PRESCRIPTION_LIFETIME_DAYS">(.*?)</tr>', html, re.DOTALL)
    assert row is not None
    assert "Information prescriptions" in row.group(1)
    assert ">180 days from when it is made, then its link stops working; we delete it 14 days later" in row.group(1)
