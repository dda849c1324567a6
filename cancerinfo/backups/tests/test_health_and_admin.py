"""Administrators see the last successful backup and restore drill; an overdue backup is a warning on the admin
dashboard and in /health/, which also says whether the database answers. Nobody else sees backups."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group, User
from django.db import OperationalError
from django.utils import timezone

from cancerinfo.backups.models import BackupRun

pytestmark = pytest.mark.django_db


def record(kind, hours_ago, succeeded=True):
    when = timezone.now() - datetime.timedelta(hours=hours_ago)
    return BackupRun.objects.create(
        kind=kind, started_at=when, finished_at=when, succeeded=succeeded, archive=f"cancerinfo-{kind}.backup"
    )


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


def health(client):
    response = client.get("/health/")
    return response, json.loads(response.content)


def test_health_reports_a_fresh_backup_and_the_database(client, settings):
    settings.BACKUP_MAX_AGE_HOURS = 26
    record(BackupRun.Kind.BACKUP, hours_ago=3)
    record(BackupRun.Kind.DRILL, hours_ago=30)
    response, body = health(client)
    assert response.status_code == 200
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["backup"]["status"] == "ok" and body["backup"]["age_hours"] == pytest.approx(3, abs=0.1)
    assert body["backup"]["drill_status"] == "ok" and "last_drill_at" in body["backup"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_an_overdue_backup_is_a_warning_in_health_but_the_server_stays_in_service(client, settings):
    settings.BACKUP_MAX_AGE_HOURS = 26
    record(BackupRun.Kind.BACKUP, hours_ago=30)
    record(BackupRun.Kind.BACKUP, hours_ago=1, succeeded=False)  # failures do not count as backups
    response, body = health(client)
    assert response.status_code == 200
    assert body["status"] == "warning" and body["backup"]["status"] == "overdue"


def test_never_backed_up_is_overdue(client):
    _response, body = health(client)
    assert body["backup"]["status"] == "overdue" and "last_success_at" not in body["backup"]


def test_an_unreachable_database_is_a_503(client, monkeypatch):
    from cancerinfo.backups import views

    def broken():
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.services, "status", broken)
    response, body = health(client)
    assert response.status_code == 503 and body == {"status": "fail", "database": "unreachable"}


def test_administrators_see_the_last_backup_and_drill_on_the_dashboard(client, administrator, settings):
    settings.BACKUP_MAX_AGE_HOURS = 26
    backup = record(BackupRun.Kind.BACKUP, hours_ago=2)
    drill = record(BackupRun.Kind.DRILL, hours_ago=50)
    client.force_login(administrator)
    page = client.get("/admin/").content.decode()
    assert "Last successful backup" in page and f"{timezone.localtime(backup.finished_at):%H:%M}" in page
    assert "Last successful restore drill" in page and f"{timezone.localtime(drill.finished_at):%H:%M}" in page
    assert "a backup is overdue" not in page


def test_an_overdue_backup_is_a_warning_on_the_dashboard(client, administrator, settings):
    settings.BACKUP_MAX_AGE_HOURS = 26
    record(BackupRun.Kind.BACKUP, hours_ago=27)
    client.force_login(administrator)
    page = client.get("/admin/").content.decode()
    assert "Warning: a backup is overdue." in page
    assert "No restore drill has passed yet" in page


def test_the_backups_report_lists_runs_for_administrators_only(client, administrator, editor):
    record(BackupRun.Kind.BACKUP, hours_ago=2)
    failed = record(BackupRun.Kind.BACKUP, hours_ago=1, succeeded=False)
    failed.detail = "pg_dump failed: connection refused"
    failed.save()
    client.force_login(administrator)
    report = client.get("/admin/backups/")
    assert report.status_code == 200
    assert "pg_dump failed: connection refused" in report.content.decode()

    client.force_login(editor)
    refused = client.get("/admin/backups/")  # Wagtail turns the 403 into a redirect with a message
    assert refused.status_code in (302, 403) and b"connection refused" not in refused.content
    assert "Backups" not in client.get("/admin/").content.decode().split("<main", 1)[-1]
