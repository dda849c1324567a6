"""A restore names the keys it needs and refuses, having written nothing, when one is missing or wrong, when the
backup is damaged, or when the database it would write into is not empty."""

import base64
import os

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.utils import timezone

from cancerinfo.backups import database, scratch, services
from cancerinfo.backups.models import BackupRun
from cancerinfo.deployment import crypto
from cancerinfo.enquiries.models import Enquiry

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(backup_dir, site_tree):
    Enquiry.objects.create(
        about="me", question="Will my hair grow back?", email="jo@example.com",
        consent_wording_version="2026-01", consent_given_at=timezone.now(),
    )  # fmt: skip
    services.make_backup(check_pages=False)
    return services.archives()[-1]


@pytest.fixture
def enquiry_key(settings):
    """Set the enquiry key(s) for one test; forget the cached keys before and after."""

    def use(value: str) -> None:
        settings.ENQUIRY_ENCRYPTION_KEY = value
        crypto.reset_keys()

    yield use
    crypto.reset_keys()


@pytest.fixture
def fresh(tmp_path):
    with scratch.fresh_database(tmp_path) as settings_dict, scratch.use_database(settings_dict):
        yield


def restore_refused(archive) -> str:
    with pytest.raises(CommandError) as error:
        call_command("restore_backup", str(archive))
    assert "nothing was changed" in str(error.value)
    assert database.table_names() == [], "the restore wrote into the database before refusing"
    return str(error.value)


def test_with_a_wrong_or_missing_backup_key_the_restore_refuses_before_writing_anything(archive, settings, fresh):
    settings.BACKUP_ENCRYPTION_KEY = base64.urlsafe_b64encode(os.urandom(32)).decode()
    message = restore_refused(archive)
    assert "BACKUP_ENCRYPTION_KEY" in message
    assert "encrypted with the backup key" in message

    settings.BACKUP_ENCRYPTION_KEY = ""
    assert "Set BACKUP_ENCRYPTION_KEY" in restore_refused(archive)


def test_with_the_wrong_enquiry_key_the_restore_refuses_before_writing_anything(archive, enquiry_key, fresh):
    needed = services.verify(archive)["keys"]["enquiry_key_fingerprints"]
    enquiry_key(Fernet.generate_key().decode())
    message = restore_refused(archive)
    assert "ENQUIRY_ENCRYPTION_KEY cannot read the enquiries" in message
    assert needed[0] in message


def test_a_rotated_enquiry_key_list_that_still_holds_the_old_key_restores(archive, enquiry_key, fresh):
    enquiry_key(f"{Fernet.generate_key().decode()},{crypto._development_key().decode()}")
    call_command("restore_backup", str(archive))
    assert Enquiry.objects.get().question == "Will my hair grow back?"


def test_a_changed_backup_file_is_refused_with_or_without_its_checksum_file(archive, fresh):
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 1
    archive.write_bytes(bytes(data))
    assert "was changed" in restore_refused(archive)  # the .sha256 beside it no longer matches

    archive.with_name(archive.name + ".sha256").unlink()
    assert "does not match its checksum" in restore_refused(archive)  # the chunk's authentication tag fails


def test_a_database_that_is_not_empty_is_never_written_into(archive):
    runs = BackupRun.objects.count()
    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore_backup", str(archive))
    assert BackupRun.objects.count() == runs


def test_a_backup_key_that_is_also_the_enquiry_key_is_refused(backup_dir, settings, enquiry_key):
    key = Fernet.generate_key().decode()
    enquiry_key(key)
    settings.BACKUP_ENCRYPTION_KEY = key
    with pytest.raises(CommandError, match="must not be one of the enquiry keys"):
        call_command("backup", "--no-page-check")
    assert services.archives() == []
    assert not BackupRun.objects.get().succeeded
