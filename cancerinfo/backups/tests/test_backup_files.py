"""What `backup` leaves on disk: one encrypted file (nothing readable in it without the key) with a checksum file
beside it, checked by reading it back; old backups deleted after BACKUP_RETENTION_DAYS, the newest always kept."""

import datetime
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from cancerinfo.backups import services
from cancerinfo.backups.models import BackupRun
from cancerinfo.donations.tests.factories import DonationFactory


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_one_encrypted_file_with_its_checksum_and_holds_the_media(backup_dir, site_tree):
    DonationFactory(confirmed=True, with_gift_aid=True, gift_aid_declaration__last_name="Zebedee-Quartermaine")
    default_storage.save("documents/leaflet.txt", ContentFile(b"Sample leaflet: Zebedee-Quartermaine"))

    call_command("backup", "--no-page-check")

    (archive,) = services.archives()
    data = archive.read_bytes()
    assert b"Zebedee-Quartermaine" not in data and b"SQLite format" not in data and b"PGDMP" not in data
    checksum = archive.with_name(archive.name + ".sha256").read_text()
    assert checksum == f"{hashlib.sha256(data).hexdigest()}  {archive.name}\n"
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    manifest = services.verify(archive)
    assert "media/documents/leaflet.txt" in manifest["files"]
    assert manifest["counts"]["donations_giftaiddeclaration"] == 1
    run = BackupRun.objects.get()
    assert run.succeeded and run.archive == archive.name and run.sha256 == hashlib.sha256(data).hexdigest()


def make_archive(folder, when: datetime.datetime):
    folder.mkdir(parents=True, exist_ok=True)
    name = f"cancerinfo-{when.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}.backup"
    (folder / name).write_bytes(b"x")
    (folder / f"{name}.sha256").write_text("x")
    return name


def test_backups_older_than_the_retention_period_are_deleted_with_their_checksums(backup_dir, settings):
    settings.BACKUP_RETENTION_DAYS = 35
    now = timezone.now()
    old = make_archive(backup_dir, now - datetime.timedelta(days=36))
    kept = [make_archive(backup_dir, now - datetime.timedelta(days=days)) for days in (34, 1)]

    assert services.prune(now) == [old]
    assert [path.name for path in services.archives()] == kept
    assert not (backup_dir / f"{old}.sha256").exists()


def test_the_newest_backup_is_kept_however_old_it_is(backup_dir, settings):
    settings.BACKUP_RETENTION_DAYS = 7
    now = timezone.now()
    make_archive(backup_dir, now - datetime.timedelta(days=60))
    newest = make_archive(backup_dir, now - datetime.timedelta(days=30))
    services.prune(now)
    assert [path.name for path in services.archives()] == [newest]
