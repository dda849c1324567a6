"""Backups are encrypted at rest in authenticated chunks: the right key reads them back exactly; a wrong key is
named; any change, reordering or cut is found before a single byte is used."""

import io
import os

import pytest

from cancerinfo.backups import encryption
from cancerinfo.backups.encryption import BackupCorrupt, BackupKeyError

KEY = os.urandom(32)
OTHER_KEY = os.urandom(32)


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(encryption, "CHUNK_SIZE", 1000)


def encrypt(data: bytes, key: bytes = KEY) -> bytes:
    out = io.BytesIO()
    writer = encryption.EncryptingWriter(out, key)
    for start in range(0, len(data), 777):
        writer.write(data[start : start + 777])
    writer.close()
    return out.getvalue()


def decrypt(blob: bytes, keys=(KEY,)) -> bytes:
    reader = encryption.DecryptingReader(io.BytesIO(blob), list(keys))
    return reader.read()


def test_what_is_written_reads_back_exactly_across_many_chunks():
    data = os.urandom(10_500)
    blob = encrypt(data)
    assert decrypt(blob) == data
    assert data[:200] not in blob  # encrypted, not just framed


def test_an_empty_stream_still_has_its_authenticated_last_chunk():
    assert decrypt(encrypt(b"")) == b""


def test_any_of_several_keys_decrypts_so_keys_can_be_rotated():
    assert decrypt(encrypt(b"hello", key=OTHER_KEY), keys=(KEY, OTHER_KEY)) == b"hello"


def test_a_wrong_key_is_refused_naming_the_key_the_backup_needs():
    blob = encrypt(b"hello")
    with pytest.raises(BackupKeyError) as error:
        decrypt(blob, keys=(OTHER_KEY,))
    assert encryption.fingerprint(KEY).hex() in str(error.value)
    assert "BACKUP_ENCRYPTION_KEY" in str(error.value)


def test_a_changed_byte_is_found():
    blob = bytearray(encrypt(os.urandom(5000)))
    blob[encryption.HEADER_SIZE + 2500] ^= 1
    with pytest.raises(BackupCorrupt):
        decrypt(bytes(blob))


def test_a_backup_cut_short_at_a_chunk_boundary_is_found():
    blob = encrypt(os.urandom(5000))
    one_chunk = 4 + 1000 + 16
    with pytest.raises(BackupCorrupt):
        decrypt(blob[: encryption.HEADER_SIZE + 2 * one_chunk])


def test_chunks_in_another_order_are_found():
    blob = encrypt(os.urandom(3500))
    one_chunk = 4 + 1000 + 16
    head, body = blob[: encryption.HEADER_SIZE], blob[encryption.HEADER_SIZE :]
    swapped = head + body[one_chunk : 2 * one_chunk] + body[:one_chunk] + body[2 * one_chunk :]
    with pytest.raises(BackupCorrupt):
        decrypt(swapped)


def test_something_that_is_not_a_backup_is_refused():
    with pytest.raises(BackupCorrupt):
        decrypt(b"PK\x03\x04 a zip file")


def test_keys_must_be_32_url_safe_base64_bytes(settings):
    with pytest.raises(BackupKeyError):
        encryption.parse_keys("not-a-key")
    assert encryption.parse_keys(" , ") == []


def test_without_a_key_outside_debug_the_message_names_the_setting(settings):
    settings.DEBUG = False
    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(BackupKeyError, match="Set BACKUP_ENCRYPTION_KEY"):
        encryption.configured_keys()


def test_deploy_checks_refuse_a_malformed_key_or_an_enquiry_key(settings):
    from cryptography.fernet import Fernet

    from cancerinfo.backups.system_checks import backup_key

    settings.DEBUG = False
    settings.BACKUP_ENCRYPTION_KEY = "short"
    assert [m.id for m in backup_key()] == ["backups.E001"]
    shared = Fernet.generate_key().decode()
    settings.ENQUIRY_ENCRYPTION_KEY = shared
    settings.BACKUP_ENCRYPTION_KEY = shared
    assert [m.id for m in backup_key()] == ["backups.E002"]
    settings.BACKUP_ENCRYPTION_KEY = ""
    settings.BACKUP_ON_WORKER = True
    assert [m.id for m in backup_key()] == ["backups.W001"]
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    assert backup_key() == []
